/**
 * One paste per form a secret is pasted in (issue 12), each with the secret material that must never leave the
 * process: checked against the scrubber (scrub-secrets.test.ts), secretlint's recommended preset as an independent
 * oracle, and end to end in the Slack echo, the prompt sent to Claude and the logs (test/e2e/secrets-paste.test.ts).
 * Values are made up but shaped like the real thing; `secrets` lists what must not survive (the body, not the
 * visible kind prefix), and no 12-character piece of a long one may survive either.
 */
export interface SecretPaste {
  name: string;
  paste: string;
  secrets: string[];
}

const ANTHROPIC = 'sk-ant-api03-R2d2C3poBb8Xw1Zq7Lm4Np0Tt6Yy5Uu3Ii9Oo2Pp1Aa8Ss7Dd6Ff5Gg4Hh3Jj2Kk1Ll0Zz9Xx8Cc7Vv6Bb5Nn4Mm3Q-w_AA';
const ANTHROPIC_BODY = ANTHROPIC.slice('sk-ant-api03-'.length);
const OPENAI_PROJECT = `sk-proj-${'Qw3rTy7UiOp2AsDf5GhJk9LzXc4VbNm1'.repeat(2)}_x-Y`;
const OPENAI_LEGACY = 'sk-4f9Kd2LmQ8xZ1pR7tY3wV6bN0cJ5hG2sA9eU4iO7kL1mX3zC';
const GOOGLE = 'AIzaSyD4r8Xq2LmN7pQ1wE6tY9uI3oP5aS0dF2g';
const SLACK_BOT = 'xoxb-2481379056-7534219860312-Qw7eRt2YuI9oPa4SdF6gHj1K';
const SLACK_APP = `xapp-1-A07QW2E3R4T-7534219860312-${'9f8e7d6c5b4a3f2e1d0c'.repeat(3)}a1b2`;
const GITHUB = 'ghp_Z8x7C6v5B4n3M2a1S9d8F7g6H5j4K3l2Q1w0';
const GITHUB_PAT = `github_pat_11ABCDEFG0${'Xy7_Zq2Lm9Np4'.repeat(6)}`;
const AWS_ID = 'AKIA4XQ7ZK2M9PL3WN8R';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Xk2LmP4';
const STRIPE = 'sk_live_51Hq8Xk2LmP4wJalrXUtnFEMIK7MDENGbPxRfiCY';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxODkzNDU2MDAwfQ.k3Vq9XnB2mL7pQ1wE6tY9uI3oP5aS0dF2gH4jK8lZx0';
const PEM_BODY = 'MIIEowIBAAKCAQEAq7Bx2Lm9Np4Qw3rTy7UiOp2AsDf5GhJk9LzXc4VbNm1Zq2Lm9Np4Xy7Zq2Lm9Np4Qw3rTy7Ui\nOp2AsDf5GhJk9LzXc4VbNm1Qw3rTy7UiOp2AsDf5GhJk9LzXc4VbNm1Zq2Lm9Np4Xy7Zq2Lm9Np4Qw3rTy7UiOp2As';
const BASIC = 'ZGVwbG95OmNvcnJlY3QtaG9yc2UtYmF0dGVyeQ==';
const BEARER = 'mQ8x7Zk2Lp4Wj9Vr1Ty6Nb3Hc5Gd0Fs';

export const SECRET_PASTES: readonly SecretPaste[] = [
  { name: 'env line: *_SECRET', paste: 'Error: 401 invalid signature\nSLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543', secrets: ['8f14e45fceea167a5a36dedd4bea2543'] },
  { name: 'env line: AWS secret key', paste: `botocore error\nAWS_ACCESS_KEY_ID=${AWS_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, secrets: [AWS_ID.slice(4), AWS_SECRET] },
  { name: 'env line: *_TOKEN', paste: 'export ANTHROPIC_AUTH_TOKEN=tok9Xv2Lm4Qp7Zr1Wn8K\nError: 401', secrets: ['tok9Xv2Lm4Qp7Zr1Wn8K'] },
  { name: 'env line: *_PASSWORD, *_PASS, *_PWD, *_CREDENTIALS', paste: 'DB_PASSWORD=hunter2Zq\nSMTP_PASS=Kx7!mail\nMYSQL_PWD=r00tPw9\nGCP_CREDENTIALS=cr3dZq8Lm', secrets: ['hunter2Zq', 'Kx7!mail', 'r00tPw9', 'cr3dZq8Lm'] },
  { name: 'YAML NAME: value', paste: 'redis:\n  password: yamlPw7Xq\n  api_key: yK3y9Lm2Qp7Zr1Wn', secrets: ['yamlPw7Xq', 'yK3y9Lm2Qp7Zr1Wn'] },
  { name: 'JSON "api_key":"…"', paste: '{"error":{"type":"authentication_error"},"api_key":"0c7f4e2a9b1d8c3e5f6a7b8c9d0e1f2a"}', secrets: ['0c7f4e2a9b1d8c3e5f6a7b8c9d0e1f2a'] },
  { name: 'postgres URL with user and short password', paste: 'connect ECONNREFUSED postgres://app:Zq9@db.internal:5432/prod', secrets: [':Zq9@'] },
  { name: 'redis URL with only a password', paste: 'ReplyError: WRONGPASS redis://:r3dPw@cache:6379/0', secrets: ['r3dPw'] },
  { name: 'amqp URL whose password holds an @', paste: 'amqp://guest:p@ss9Xq@rabbit:5672/', secrets: ['p@ss9Xq', 'ss9Xq'] },
  { name: 'password quoted with spaces', paste: 'config: password = "correct horse battery staple"', secrets: ['correct horse battery staple', 'horse', 'battery', 'staple'] },
  { name: 'key split over two lines', paste: `ANTHROPIC_API_KEY=${ANTHROPIC.slice(0, 60)}\n${ANTHROPIC.slice(60)}\nTraceback (most recent call last):`, secrets: [ANTHROPIC_BODY.slice(0, 47), ANTHROPIC.slice(60)] },
  { name: 'Anthropic key after an escaped \\n in JSON', paste: `{"message":"boom","env":"HOME=/root\\n${ANTHROPIC}\\nPATH=/bin"}`, secrets: [ANTHROPIC_BODY] },
  { name: 'Anthropic key glued to a letter, a digit and _', paste: `key${ANTHROPIC} 7${ANTHROPIC.replace('R2d2', 'R2d3')} x_${ANTHROPIC.replace('R2d2', 'R2d4')}`, secrets: [ANTHROPIC_BODY, ANTHROPIC_BODY.replace('R2d2', 'R2d3'), ANTHROPIC_BODY.replace('R2d2', 'R2d4')] },
  { name: 'Anthropic key with \\u002d escapes', paste: `{"k":"${ANTHROPIC.replaceAll('-', '\\u002d')}"}`, secrets: [ANTHROPIC_BODY.replaceAll('-', '\\u002d').slice(0, 40), ANTHROPIC_BODY.slice(0, 12)] },
  { name: 'Anthropic key percent-encoded', paste: `GET /proxy?key=${encodeURIComponent(ANTHROPIC).replaceAll('-', '%2D')}&v=1`, secrets: [ANTHROPIC_BODY.replaceAll('-', '%2D').slice(0, 40), ANTHROPIC_BODY.slice(0, 12)] },
  { name: 'OpenAI project key without its marker, and a legacy one', paste: `openai.AuthenticationError: Incorrect API key provided: ${OPENAI_PROJECT}. Old: ${OPENAI_LEGACY}`, secrets: [OPENAI_PROJECT.slice(8), OPENAI_LEGACY.slice(3)] },
  { name: 'Google API key', paste: `https://generativelanguage.googleapis.com/v1/models?key=${GOOGLE}`, secrets: [GOOGLE.slice(4)] },
  { name: 'Slack bot and app tokens', paste: `SlackApiError invalid_auth token=${SLACK_BOT}; app ${SLACK_APP}`, secrets: [SLACK_BOT.slice(5), SLACK_APP.slice(5), '9f8e7d6c5b4a3f2e1d0c'] },
  { name: 'GitHub tokens', paste: `git clone https://x-access-token:${GITHUB}@github.com/o/r.git\nGH_TOKEN=${GITHUB_PAT}`, secrets: [GITHUB.slice(4), GITHUB_PAT.slice(11)] },
  { name: 'AWS keys in JSON', paste: `{"AccessKeyId":"${AWS_ID}","SecretAccessKey":"${AWS_SECRET}"}`, secrets: [AWS_ID.slice(4), AWS_SECRET] },
  { name: 'Stripe key', paste: `StripeAuthenticationError: Invalid API Key provided: ${STRIPE}`, secrets: [STRIPE.slice(8)] },
  { name: 'JWT', paste: `401 Unauthorized: session ${JWT} expired`, secrets: [JWT.slice(3)] },
  { name: 'private key block', paste: `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\nError: error:1E08010C:DECODER routines::unsupported`, secrets: PEM_BODY.split('\n') },
  { name: 'private key in a JSON service account', paste: `{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n${PEM_BODY.replace('\n', '\\n')}\\n-----END PRIVATE KEY-----\\n"}`, secrets: PEM_BODY.split('\n') },
  { name: 'Authorization: Basic and Bearer', paste: `> GET /v1/models\n> Authorization: Basic ${BASIC}\n> authorization: Bearer ${BEARER}\n< HTTP/1.1 401`, secrets: [BASIC, BEARER] },
  { name: 'curl with x-api-key', paste: `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${ANTHROPIC}" -H "anthropic-version: 2023-06-01"`, secrets: [ANTHROPIC_BODY] },
  { name: 'Python repr of headers', paste: `{'x-api-key': 'proxy-Secret-9Xq2Lm7', 'content-type': 'application/json'}`, secrets: ['proxy-Secret-9Xq2Lm7'] },
  { name: 'JSON inside a JSON string', paste: `{"log":"{\\"password\\": \\"two words\\", \\"client_secret\\":\\"cs-9Xq2Lm7Zr\\"}"}`, secrets: ['two words', 'cs-9Xq2Lm7Zr'] },
  { name: 'Slack webhook URL', paste: 'POST https://hooks.slack.com/services/T0ABC1234/B0DEF5678/Xq9Lm2Zr7Wn4Kp1Vt8Yb3Hc failed', secrets: ['T0ABC1234/B0DEF5678/Xq9Lm2Zr7Wn4Kp1Vt8Yb3Hc'] },
  { name: 'query-string token and password', paste: 'GET /callback?code=ok&token=qs7Tok9Lm2&password=qsPw4Xz HTTP/1.1', secrets: ['qs7Tok9Lm2', 'qsPw4Xz'] },
];
