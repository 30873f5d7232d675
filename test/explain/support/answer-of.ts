import { explainOffline } from '../../../src/explain/explain-offline.js';

/** The offline answer to a paste as `category` or `category/kind`: what the explain tests compare. */
export function answerOf(text: string): string {
  const e = explainOffline(text);
  return e.kind ? `${e.category}/${e.kind}` : e.category;
}
