import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { callbackEndpoints } from "@/lib/callbacks/endpoints";

// What a stranger, a fuzzer or a broken sender can POST to the callback endpoints: random bytes,
// random JSON, and PaySsam's own samples taken apart (deleted keys, junk values, NUL, lone
// surrogates, deep nesting, the API key in odd places, truncation, stray quotes, bad bytes,
// UTF-16/32). Used by the property suite and by the hostile-input check against a running build.

export interface HostileRequest {
  endpoint: string;
  method: string;
  /** "right": the configured token; null: no ?token= at all; anything else is sent as it is. */
  token: string | null;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body holds HostileOptions.carriedKey as apiKey values, in a syntax where it must be masked. */
  carriesKey: boolean;
}

const fixturesDir = path.resolve(process.cwd(), "test", "fixtures");
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Record<string, unknown>);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const encoder = new TextEncoder();

/** Strings with what breaks storage and parsers: NUL, lone surrogates, controls, quotes, Hangul. */
function nastyString(apiKeys: string[]) {
  return fc.oneof(
    fc.string({ unit: "binary", maxLength: 24 }),
    fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00", "\ud83d", "\u{1F600}", '"', "'", "\\", "\n\t"),
    fc.constantFrom("해오름교육", "20261324250000", "99999999999999999999", "-1", "1e400", "null", "__proto__"),
    fc.integer({ min: 1, max: 6000 }).map((length) => "x".repeat(length)),
    apiKeys.length > 0 ? fc.constantFrom(...apiKeys) : fc.constant("no-key"),
    fc
      .tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...(apiKeys.length > 0 ? apiKeys : ["no-key"])))
      .map(([prefix, key]) => `${prefix}${key}!`),
  );
}

function junkValue(apiKeys: string[]): fc.Arbitrary<Json> {
  return (
    fc
      .oneof(
        nastyString(apiKeys),
        fc.constantFrom<Json>(null, true, false, 0, -0, 12.5, 1e308, -1, 2 ** 53 + 1, [], {}),
        fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }) as fc.Arbitrary<Json>,
      )
      // A copy each time: later edits change containers in place, and a shared [] could end up inside itself.
      .map((value) => structuredClone(value))
  );
}

// Deep values are written into the serialized text (JSON.stringify itself overflows the stack on
// them): a placeholder string stands in for them until then.
const deepPlaceholder = (depth: number, asArray: boolean) => `@@deep-${depth}-${asArray ? "a" : "o"}@@`;
const deepPattern = /"?@@deep-(\d+)-([ao])@@"?/g;

function expandDeep(text: string): string {
  return text.replace(deepPattern, (_, depth: string, shape: string) =>
    shape === "a"
      ? `${"[".repeat(Number(depth))}1${"]".repeat(Number(depth))}`
      : `${'{"n":'.repeat(Number(depth))}1${"}".repeat(Number(depth))}`,
  );
}

/** Every container in the payload with a path to it, found without recursion. */
function containers(root: Container): Container[] {
  const found: Container[] = [];
  const pending: Container[] = [root];
  while (pending.length > 0) {
    const current = pending.pop() as Container;
    found.push(current);
    for (const member of Object.values(current)) {
      if (typeof member === "object" && member !== null) pending.push(member);
    }
  }
  return found;
}

type Edit = (payload: Container, pick: number) => void;

function keyAt(container: Container, pick: number): string | null {
  const keys = Object.keys(container);
  return keys.length === 0 ? null : keys[pick % keys.length];
}

function setMember(container: Container, key: string, value: Json) {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[key] = value;
}

const edits = {
  deleteKey: (payload: Container, pick: number) => {
    const key = keyAt(payload, pick);
    if (key !== null && !Array.isArray(payload)) delete payload[key];
  },
  renameKey: (suffix: string) => (payload: Container, pick: number) => {
    const key = keyAt(payload, pick);
    if (key === null || Array.isArray(payload)) return;
    const value = payload[key];
    delete payload[key];
    payload[`${key}${suffix}`] = value;
  },
  setValue: (value: Json) => (payload: Container, pick: number) => {
    const key = keyAt(payload, pick);
    if (key !== null) setMember(payload, key, value);
  },
  spliceIntoString: (insert: string) => (payload: Container, pick: number) => {
    const key = keyAt(payload, pick);
    if (key === null) return;
    const value = (payload as Record<string, Json>)[key];
    const text = typeof value === "string" ? value : String(value);
    const at = pick % (text.length + 1);
    setMember(payload, key, `${text.slice(0, at)}${insert}${text.slice(at)}`);
  },
  addMember: (name: string, value: Json) => (payload: Container) => {
    if (Array.isArray(payload)) payload.push(value);
    // defineProperty: "__proto__" becomes a member, as JSON.parse makes it, not the prototype.
    else Object.defineProperty(payload, name, { value, enumerable: true, writable: true, configurable: true });
  },
};

function edit(apiKeys: string[]): fc.Arbitrary<{ target: number; pick: number; apply: Edit }> {
  const apply: fc.Arbitrary<Edit> = fc.oneof(
    fc.constant(edits.deleteKey),
    junkValue(apiKeys).map(edits.setValue),
    fc.constantFrom("\u0000", "\ud800", "\udfff", "\u0000\u0000", "\u{1F600}").map(edits.spliceIntoString),
    fc.constantFrom("\u0000", "\ud800", "x").map(edits.renameKey),
    fc
      .tuple(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1000, 10_000, 20_000)), fc.boolean())
      .map(([depth, asArray]) => edits.setValue(deepPlaceholder(depth, asArray))),
    fc.tuple(nastyString(apiKeys), junkValue(apiKeys)).map(([name, value]) => edits.addMember(name, value)),
  );
  return fc.record({ target: fc.nat(), pick: fc.nat(), apply });
}

const members = (payload: Json) =>
  Object.entries(typeof payload === "object" && payload !== null ? payload : { value: payload }).map(
    ([key, value]) => [key, typeof value === "string" ? value : (JSON.stringify(value) ?? "")] as const,
  );
const xmlText = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char] ?? char,
  );

const serializers = {
  json: (payload: Json) => JSON.stringify(payload),
  form: (payload: Json) =>
    members(payload)
      .map(([key, value]) => `${key}=${value}`)
      .join("&"),
  xml: (payload: Json) =>
    `<callback>${members(payload)
      .map(([key, value]) => `<${key}>${xmlText(value)}</${key}>`)
      .join("")}</callback>`,
  xmlAttributes: (payload: Json) =>
    `<callback ${members(payload)
      .map(([key, value]) => `${key}="${xmlText(value)}"`)
      .join(" ")}/>`,
  multipart: (payload: Json) =>
    `${members(payload)
      .map(([key, value]) => `--x\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`)
      .join("")}--x--\r\n`,
  singleQuoted: (payload: Json) => JSON.stringify(payload).replaceAll('"', "'"),
  trailingComma: (payload: Json) => JSON.stringify(payload).replace(/}$/, ",}"),
};

type TextEdit = (text: string, at: number) => string;
const textEdit: fc.Arbitrary<TextEdit> = fc.constantFrom<TextEdit>(
  (text, at) => text.slice(0, at % (text.length + 1)),
  (text, at) => `${text.slice(0, at % (text.length + 1))}"${text.slice(at % (text.length + 1))}`,
  (text, at) => `${text.slice(0, at % (text.length + 1))}'${text.slice(at % (text.length + 1))}`,
  (text, at) => `${text.slice(0, at % (text.length + 1))}${text.slice((at % (text.length + 1)) + 1)}`,
  (text, at) => `${text.slice(0, at % (text.length + 1))}\u0000${text.slice(at % (text.length + 1))}`,
  (text, at) => `${text.slice(0, at % (text.length + 1))}\n${text.slice(at % (text.length + 1))}`,
);

type ByteEdit = (bytes: Uint8Array, at: number, text: string) => Uint8Array;
const unchangedBytes: ByteEdit = (bytes) => bytes;
const concatBytes = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((part) => Array.from(part)));
const byteEdit: fc.Arbitrary<ByteEdit> = fc.constantFrom<ByteEdit>(
  (bytes) => bytes,
  (bytes, at) => {
    const copy = bytes.slice();
    if (copy.length > 0) copy[at % copy.length] = 0xff;
    return copy;
  },
  (bytes, at) => {
    const cut = at % (bytes.length + 1);
    const invalid = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf5, 0x80, 0x80, 0x80]][at % 5];
    return concatBytes(bytes.subarray(0, cut), invalid, bytes.subarray(cut));
  },
  (bytes) => concatBytes([0xef, 0xbb, 0xbf], bytes),
  (_bytes, _at, text) => concatBytes([0xff, 0xfe], Buffer.from(text, "utf16le")),
  (_bytes, _at, text) => Buffer.from(text, "utf16le"),
  (_bytes, _at, text) => Buffer.from(text, "utf16le").swap16(),
  (_bytes, _at, text) =>
    Uint8Array.from([...text].flatMap((char) => [char.codePointAt(0) ?? 0, 0, 0, 0].map((byte) => byte & 0xff))),
);

// Serializers whose own quotes are balanced whatever the values hold: an apiKey found in them is
// found by its syntax alone. In the others a stray quote in some value may start a string that
// runs over the apiKey (masked then only when it is a configured key).
const quoteSafe = new Set<(payload: Json) => string>([
  serializers.json,
  serializers.xml,
  serializers.xmlAttributes,
  serializers.singleQuoted,
  serializers.trailingComma,
]);

/** Every apiKey member set to the carried key: as it is, in an array, or in a nested object. */
function carry(payload: Container, carriedKey: string, shape: number) {
  for (const container of containers(payload)) {
    if (Array.isArray(container) || !Object.hasOwn(container, "apiKey")) continue;
    container.apiKey = [carriedKey, [carriedKey], { value: carriedKey, also: [1, carriedKey] }][shape % 3];
  }
}

function mutatedSample(apiKeys: string[], carriedKey?: string): fc.Arbitrary<{ body: Uint8Array; carried: boolean }> {
  return fc
    .record({
      fixture: fc.nat(fixtures.length - 1),
      edits: fc.array(edit(apiKeys), { minLength: 1, maxLength: 4 }),
      serializer: fc.oneof(
        { weight: 12, arbitrary: fc.constant(serializers.json) },
        fc.constantFrom(
          serializers.form,
          serializers.singleQuoted,
          serializers.trailingComma,
          serializers.xml,
          serializers.xmlAttributes,
          serializers.multipart,
        ),
      ),
      carryShape: fc.option(fc.nat(), { freq: 5 }),
      textEdits: fc.array(fc.tuple(textEdit, fc.nat()), { maxLength: 2 }),
      byteEdit: fc.oneof({ weight: 6, arbitrary: fc.constant<ByteEdit>(unchangedBytes) }, byteEdit),
      at: fc.nat(),
    })
    .map((recipe) => {
      const payload = structuredClone(fixtures[recipe.fixture]) as Container;
      for (const step of recipe.edits) {
        const targets = containers(payload);
        step.apply(targets[step.target % targets.length], step.pick);
      }
      const plain = recipe.textEdits.length === 0 && recipe.byteEdit === unchangedBytes;
      const carried = structuredClone(payload);
      if (carriedKey && recipe.carryShape !== null) carry(carried, carriedKey, recipe.carryShape);
      const carriedText = expandDeep(recipe.serializer(carried as Json));
      // The carried key is placed only where its masking can be held to: syntax intact, quotes balanced.
      const carries =
        carriedKey !== undefined &&
        carriedText.includes(carriedKey) &&
        plain &&
        (quoteSafe.has(recipe.serializer) || !/['"]/.test(carriedText.replaceAll('name="', "")));
      let text = carries ? carriedText : expandDeep(recipe.serializer(payload as Json));
      for (const [change, at] of recipe.textEdits) text = change(text, at);
      return { body: recipe.byteEdit(encoder.encode(text), recipe.at, text), carried: carries };
    });
}

function randomJson(): fc.Arbitrary<Uint8Array> {
  return fc
    .oneof(
      fc.jsonValue({ stringUnit: "binary" }),
      fc.dictionary(fc.string({ unit: "binary", maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
    )
    .map((value) => encoder.encode(JSON.stringify(value) ?? "null"));
}

const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });

function headers(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      "content-type": fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "application/x-www-form-urlencoded",
        "text/plain; charset=utf-16",
        "multipart/form-data; boundary=x",
        "garbage/../..",
      ),
      "x-forwarded-for": fc.oneof(headerText, fc.constant(`203.0.113.${"9".repeat(15_000)}`)),
      "x-real-ip": headerText,
      "x-payssam-peer-address": fc.oneof(fc.constantFrom("203.0.113.7", "::1", "2001:db8::1"), headerText),
    },
    { requiredKeys: [] },
  );
}

export interface HostileOptions {
  apiKeys: string[];
  /** Wrong, missing and odd tokens, besides the right one (the first of these is the most common). */
  wrongTokens?: string[];
  /** A key that is not configured, placed as apiKey values (plain, in arrays, in nested objects). */
  carriedKey?: string;
}

/** One request as a sender might make it; most carry the right token so the body gets read. */
export function hostileRequest(options: HostileOptions): fc.Arbitrary<HostileRequest> {
  const wrongTokens = options.wrongTokens ?? ["wrong-token", "", "x".repeat(300)];
  return fc
    .record({
      endpoint: fc.constantFrom(...callbackEndpoints.map((endpoint) => endpoint.path)),
      method: fc.oneof(
        { weight: 30, arbitrary: fc.constant("POST") },
        fc.constantFrom("GET", "PUT", "PATCH", "DELETE"),
      ),
      token: fc.oneof(
        { weight: 12, arbitrary: fc.constant("right") },
        fc.constant(null),
        fc.constantFrom(...wrongTokens),
      ),
      headers: headers(),
      body: fc.oneof(
        { weight: 6, arbitrary: mutatedSample(options.apiKeys, options.carriedKey) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((body) => ({ body, carried: false })) },
        { weight: 2, arbitrary: randomJson().map((body) => ({ body, carried: false })) },
      ),
    })
    .map(({ body, ...request }) => ({ ...request, body: body.body, carriesKey: body.carried }));
}
