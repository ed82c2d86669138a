// The product's words: one word per action, used by pages, buttons, badges and messages alike,
// and Korean particles chosen by the final consonant of the word before them, so a message never
// reads "#4619을(를)".

/** One word per staff action, wherever it appears. */
export const actionWords = {
  reprocess: "다시 처리",
  acknowledge: "확인",
  undoAcknowledge: "확인 취소",
  addMemo: "메모 남기기",
  export: "내보내기",
  resendAlert: "다시 보내기",
} as const;

type ParticlePair = "을/를" | "이/가" | "은/는" | "으로/로" | "과/와";

const hangulStart = 0xac00;
const hangulEnd = 0xd7a3;
// How a final digit or Latin letter is read aloud in Korean decides the particle: 1 (일), 3 (삼),
// 6 (육), 7 (칠), 8 (팔), 0 (영), L (엘), M (엠), N (엔), R (알) end in a consonant.
const consonantEndings = new Set(["0", "1", "3", "6", "7", "8", "l", "m", "n", "r"]);
// ㄹ: 으로/로 takes 로 after ㄹ as after a vowel (서울로, 1로).
const rieulEndings = new Set(["1", "7", "8", "l", "r"]);

function finalSound(word: string): "none" | "rieul" | "other" {
  const last = [...word.trim()].at(-1)?.toLowerCase();
  if (last === undefined) return "none";
  const code = last.codePointAt(0) ?? 0;
  if (code >= hangulStart && code <= hangulEnd) {
    const final = (code - hangulStart) % 28;
    if (final === 0) return "none";
    return final === 8 ? "rieul" : "other";
  }
  if (rieulEndings.has(last)) return "rieul";
  return consonantEndings.has(last) ? "other" : "none";
}

/** The particle that follows `word`: `particle("#4619", "을/를")` → "를". */
export function particle(word: string, pair: ParticlePair): string {
  const [afterConsonant, afterVowel] = pair.split("/") as [string, string];
  const sound = finalSound(word);
  if (pair === "으로/로") return sound === "other" ? afterConsonant : afterVowel;
  return sound === "none" ? afterVowel : afterConsonant;
}

/** The word with its particle: `withParticle("수신 #4619", "을/를")` → "수신 #4619를". */
export function withParticle(word: string, pair: ParticlePair): string {
  return `${word}${particle(word, pair)}`;
}
