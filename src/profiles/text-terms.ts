/** Words that carry no routing signal on their own. */
const STOPWORDS = new Set(
  ('a an and are as at be by for from has have i in into is it its me my of on or our so that the their them this ' +
    'these those to us was we what when which who with within without your you all any can could do does should will would ' +
    'please some about after before then than just also more most new over up via per each every other few').split(' '),
);

const DOUBLED_ENDING = /([bdfgmnprt])\1$/;

/** Stemming-lite: folds plurals and -ing/-ed forms so "reviews", "reviewing", "reviewed" meet "review". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (DOUBLED_ENDING.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Lower-cases, splits on anything that is not a letter or digit, drops stopwords and stems. */
export function normaliseTerms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !STOPWORDS.has(word))
    .map(stem);
}

/** True when `phrase` occurs as a contiguous run of `tokens`. */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > tokens.length) return false;
  outer: for (let start = 0; start <= tokens.length - phrase.length; start++) {
    for (let offset = 0; offset < phrase.length; offset++) {
      if (tokens[start + offset] !== phrase[offset]) continue outer;
    }
    return true;
  }
  return false;
}
