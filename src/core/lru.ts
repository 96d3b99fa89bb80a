/** A map of at most `size` entries; reading an entry makes it the newest, and the oldest goes first. */
export class Lru<K, V> {
	private readonly entries = new Map<K, V>();
	readonly size: number;

	constructor(size: number) {
		this.size = size;
	}

	get(key: K): V | undefined {
		const value = this.entries.get(key);
		if (value !== undefined) {
			this.entries.delete(key);
			this.entries.set(key, value);
		}
		return value;
	}

	set(key: K, value: V): void {
		this.entries.delete(key);
		if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(key, value);
	}
}
