// Staff passwords: long rather than complex (NIST SP 800-63B); the upper bound caps hashing cost.
export const passwordRules = { min: 12, max: 128 } as const;
