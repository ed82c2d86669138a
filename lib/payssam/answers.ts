// What the receiver answers PaySsam. Only the success form stops PaySsam's hourly retries,
// so it is sent only after the delivery and its effect are committed.

export const successAnswer = { code: "0000", msg: "성공하였습니다." } as const;

// Four digits, never 0000. 1xxx: the delivery is wrong (PaySsam's retry will fail the same way
// until someone fixes it); 5xxx: we could not take it now (a retry may succeed).
export const errorCodes = {
  invalidJson: "1001",
  invalidPayload: "1002",
  unknownKind: "1003",
  // The bytes are not UTF-8 text (invalid sequences, or a UTF-16/UTF-32 body).
  invalidEncoding: "1004",
  // Objects or arrays nested deeper than the receiver accepts.
  nestingTooDeep: "1005",
  badToken: "1101",
  badApiKey: "1102",
  bodyTooLarge: "1301",
  methodNotAllowed: "1405",
  // The body stopped arriving before it was complete.
  bodyTimeout: "1408",
  notConfigured: "5001",
  databaseUnavailable: "5003",
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorAnswer {
  code: ErrorCode;
  message: string;
  errors: FieldError[];
}

export function errorAnswer(code: ErrorCode, message: string, errors: FieldError[] = []): ErrorAnswer {
  return { code, message, errors };
}
