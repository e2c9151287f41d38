// Adding, checking and removing GitLab instances and their tokens: the use cases behind the
// options page. A token is stored only after GitLab accepted it; removing an instance removes it.
import { normaliseInstanceUrl } from '../instances';
import type { InstanceView, Problem } from '../messages';
import type { SecretStore } from '../secrets';
import type { InstanceRecord } from '../settings';
import { problemOf } from './problems';

export interface TokenCheck {
  userId: number;
  username: string;
  name: string;
  scopes: string[];
  expiresAt: string | null;
}

export interface InstancePorts {
  loadInstances(): Promise<InstanceRecord[]>;
  saveInstances(records: InstanceRecord[]): Promise<void>;
  secrets: SecretStore;
  /** Asks GitLab who the token belongs to and what it may do; throws with a `problem`. */
  checkToken(baseUrl: string, token: string): Promise<TokenCheck>;
  now(): Date;
}

export class InstanceProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

const CHECK_FAILED = 'The token could not be checked. Try again in a moment.';

export async function viewOf(record: InstanceRecord, secrets: SecretStore): Promise<InstanceView> {
  const hasToken = (await secrets.get(record.baseUrl)) !== null;
  const { userId: _userId, ...check } = record.check ?? { checkedAt: '', ok: false };
  return {
    baseUrl: record.baseUrl,
    origin: record.origin,
    hasToken,
    ...(record.check ? { check } : {}),
  };
}

export async function listInstances(ports: InstancePorts): Promise<InstanceView[]> {
  const records = await ports.loadInstances();
  return Promise.all(records.map((record) => viewOf(record, ports.secrets)));
}

async function runCheck(
  ports: InstancePorts,
  baseUrl: string,
  token: string,
): Promise<NonNullable<InstanceRecord['check']>> {
  const checkedAt = ports.now().toISOString();
  try {
    const result = await ports.checkToken(baseUrl, token);
    return { ok: true, checkedAt, ...result };
  } catch (error) {
    return { ok: false, checkedAt, problem: problemOf(error, CHECK_FAILED) };
  }
}

/**
 * Adds or updates an instance. With a token, the token is checked first and stored only when
 * GitLab accepts it, so a typo never replaces a working token.
 */
export async function saveInstance(
  ports: InstancePorts,
  input: { baseUrl: string; token?: string },
): Promise<InstanceView> {
  const normalised = normaliseInstanceUrl(input.baseUrl);
  if (!normalised) {
    throw new InstanceProblem({
      kind: 'invalidRequest',
      message: `"${input.baseUrl}" is not a web address. Enter your GitLab's address, e.g. https://gitlab.example.com.`,
    });
  }
  const records = await ports.loadInstances();
  const existing = records.find((record) => record.baseUrl === normalised.baseUrl);
  let check = existing?.check;
  if (input.token) {
    const token = input.token.trim();
    check = await runCheck(ports, normalised.baseUrl, token);
    if (!check.ok) throw new InstanceProblem(check.problem ?? problemOf(null, CHECK_FAILED));
    await ports.secrets.set(normalised.baseUrl, token);
  }
  const record: InstanceRecord = {
    baseUrl: normalised.baseUrl,
    origin: normalised.origin,
    addedAt: existing?.addedAt ?? ports.now().toISOString(),
    ...(check ? { check } : {}),
  };
  const others = records.filter((r) => r.baseUrl !== record.baseUrl);
  await ports.saveInstances([...others, record]);
  return viewOf(record, ports.secrets);
}

export async function removeInstance(ports: InstancePorts, baseUrl: string): Promise<void> {
  const records = await ports.loadInstances();
  await ports.secrets.remove(baseUrl);
  await ports.saveInstances(records.filter((record) => record.baseUrl !== baseUrl));
}

/** Checks the stored token again (e.g. after GitLab refused it) and records the answer. */
export async function recheckInstance(
  ports: InstancePorts,
  baseUrl: string,
): Promise<InstanceView> {
  const records = await ports.loadInstances();
  const record = records.find((r) => r.baseUrl === baseUrl);
  if (!record) {
    throw new InstanceProblem({
      kind: 'noInstance',
      message: `${baseUrl} is not configured in OKR Lens.`,
    });
  }
  const token = await ports.secrets.get(baseUrl);
  if (!token) {
    throw new InstanceProblem({
      kind: 'noToken',
      message: `No token is stored for ${baseUrl}. Paste a personal access token with the api scope.`,
    });
  }
  const updated = { ...record, check: await runCheck(ports, baseUrl, token) };
  await ports.saveInstances(records.map((r) => (r.baseUrl === baseUrl ? updated : r)));
  return viewOf(updated, ports.secrets);
}
