import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkInputText, formFields, isSecretField, keptValues, refusalOf } from "@/lib/auth/action-state";

// The steps of the server-action wrapper that need no request: reading a submitted form, keeping
// what was typed (never a password), and turning the schema's refusals into errors by field.

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

const fieldName = fc.oneof(
  fc.constantFrom(
    "email",
    "name",
    "password",
    "passwordConfirm",
    "newPassword",
    "setupCode",
    "$ACTION_ID_1",
    "__proto__",
    "role",
  ),
  fc.string({ maxLength: 12 }),
);

describe("a submitted form", () => {
  test.prop([fc.array(fc.tuple(fieldName, fc.string({ maxLength: 40 })), { maxLength: 20 })])(
    "is read field by field, first value wins, and nothing secret is kept",
    (entries) => {
      const fields = formFields(formOf(entries));
      const kept = keptValues(fields, ["setupCode"]);
      for (const [name, value] of Object.entries(fields)) {
        expect(name.startsWith("$") || name === "__proto__").toBe(false);
        expect(value).toBe(entries.find(([entry]) => entry === name)?.[1]);
      }
      for (const name of Object.keys(kept)) {
        expect(/password/i.test(name) || name === "setupCode").toBe(false);
        expect(kept[name]).toBe(fields[name]);
      }
      for (const name of Object.keys(fields)) {
        if (!isSecretField(name, ["setupCode"])) expect(kept).toHaveProperty([name]);
      }
    },
  );

  it("keeps no file and reads no form at all as no fields", () => {
    const form = new FormData();
    form.set("upload", new File(["a,b"], "bills.csv"));
    form.set("memo", "hello");
    expect(keptValues(formFields(form))).toEqual({ memo: "hello" });
    expect(formFields(undefined)).toEqual({});
  });
});

describe("the schema's refusals", () => {
  const schema = z
    .object({
      email: z.email({ message: "올바른 이메일 주소를 입력하세요." }),
      password: z.string().min(12, { message: "비밀번호는 12자 이상이어야 합니다." }),
      passwordConfirm: z.string(),
      count: z.coerce.number().int(),
    })
    .refine((form) => form.password === form.passwordConfirm, {
      message: "비밀번호 확인이 일치하지 않습니다.",
      path: ["passwordConfirm"],
    });

  it("are keyed by field, the schema's Korean first, the general text for the rest", () => {
    const parsed = schema.safeParse(
      { email: "x", password: "short", passwordConfirm: "other", count: "1.5" },
      { error: () => checkInputText },
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(refusalOf(parsed.error)).toEqual({
      fieldErrors: {
        email: "올바른 이메일 주소를 입력하세요.",
        password: "비밀번호는 12자 이상이어야 합니다.",
        count: checkInputText,
      },
    });
  });

  it("puts a check of the whole form without a path on the form", () => {
    const whole = z.object({ a: z.string() }).refine(() => false, { message: "함께 맞지 않습니다." });
    const parsed = whole.safeParse({ a: "x" });
    if (parsed.success) throw new Error("parsed");
    expect(refusalOf(parsed.error)).toEqual({ error: "함께 맞지 않습니다." });
  });

  test.prop([fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)))])(
    "always give a message to show, for any input",
    (input) => {
      const parsed = schema.safeParse(input, { error: () => checkInputText });
      if (parsed.success) return;
      const refusal = refusalOf(parsed.error);
      const messages = [refusal.error, ...Object.values(refusal.fieldErrors ?? {})].filter(Boolean);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).toMatch(/[\uac00-\ud7a3]/);
    },
  );
});
