import { corpusFrom, DEFAULT_DATA } from './helpers/corpus.js';
import { answerWithHelp, suggestSpelling, looksNotEnglish } from '../src/core/answer/suggest.js';
const c = corpusFrom(DEFAULT_DATA);
for (const q of ['Who leads the Turkish delgation to Armenia?','Who leads the Turkish delegation to Armenia?','Who leads the Turkish deleagtion to Armenia?','Who leads the Turkish delegatoin to Armenia?','Qui dirige la délégation turque en Arménie ?','Wer leitet die türkische Delegation nach Armenien?', 'When will the bordr open?', 'Who is Pashinian?', 'What did Erdogn say about the negotaitions?', 'What is a volcano?', 'Who is Macron?'])
  { const t=performance.now(); const s = suggestSpelling(c, q); const h = answerWithHelp(c,q); console.log(q, '→', s.corrected, s.examined, looksNotEnglish(c,q), h.answer.answered, !!h.correctedFrom, !!h.offer, !!h.notEnglish, (performance.now()-t).toFixed(1)+'ms'); }
