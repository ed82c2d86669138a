import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { withParticle } from "@/lib/glossary";

describe("particles chosen by the final consonant", () => {
  it("reads Hangul, digits and Latin letters as they are said", () => {
    expect(withParticle("수신 #4619", "을/를")).toBe("수신 #4619를");
    expect(withParticle("수신 #4613", "을/를")).toBe("수신 #4613을");
    expect(withParticle("가맹점", "이/가")).toBe("가맹점이");
    expect(withParticle("메모", "이/가")).toBe("메모가");
    expect(withParticle("CALLBACK_TOKEN", "이/가")).toBe("CALLBACK_TOKEN이");
    expect(withParticle("DATABASE_URL", "이/가")).toBe("DATABASE_URL이");
    expect(withParticle("#12", "은/는")).toBe("#12는");
    expect(withParticle("결제 승인", "을/를")).toBe("결제 승인을");
    expect(withParticle("서울", "으로/로")).toBe("서울로");
    expect(withParticle("hooks.slack.com", "으로/로")).toBe("hooks.slack.com으로");
    expect(withParticle("부산", "으로/로")).toBe("부산으로");
  });

  test.prop([fc.string({ maxLength: 40 }), fc.constantFrom("을/를", "이/가", "은/는", "으로/로", "과/와" as const)])(
    "always appends exactly one of the pair",
    (word, pair) => {
      const result = withParticle(word, pair);
      expect(pair.split("/").some((particle) => result === `${word}${particle}`)).toBe(true);
    },
  );
});
