/** A well-formed (fake) API key: `sk-ant-api03-` + 93 characters + `AA`, 108 in all. */
export const VALID_KEY = `sk-ant-api03-${'Ab1_'.repeat(22)}wxyZZAA`;
