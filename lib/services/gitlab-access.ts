// How the background reaches GitLab: a client per configured instance with its stored token,
// and the token check the options page runs. The token goes from the secret store straight
// into the client and nowhere else.
import { createGitLabClient, type GitLabClient } from '../gitlab/client';
import { GitLabError } from '../gitlab/errors';
import type { SecretStore } from '../secrets';
import type { InstanceRecord } from '../settings';
import type { TokenCheck } from './instances';

/** Clients are reused per instance and token, so the concurrency cap and rate-limit pause hold. */
export function clientFactory(secrets: SecretStore) {
  const clients = new Map<string, { token: string; client: GitLabClient }>();
  return async (instance: Pick<InstanceRecord, 'baseUrl'>): Promise<GitLabClient> => {
    const token = await secrets.get(instance.baseUrl);
    if (!token) {
      throw new GitLabError({
        kind: 'noToken',
        message: `OKR Lens has no token for ${instance.baseUrl}. Add one in the OKR Lens options to see scores and checks here.`,
      });
    }
    const known = clients.get(instance.baseUrl);
    if (known && known.token === token) return known.client;
    // Short waits are absorbed silently; a longer Retry-After comes back as a problem so the
    // panel can say it is rate limited and count down, instead of spinning for a minute.
    const client = createGitLabClient({
      baseUrl: instance.baseUrl,
      token,
      maxRetryWaitMs: 3_000,
      timeoutMs: 20_000,
    });
    clients.set(instance.baseUrl, { token, client });
    return client;
  };
}

/** Who the token belongs to, its scopes and expiry. Throws a GitLabError with a problem. */
export async function checkToken(baseUrl: string, token: string): Promise<TokenCheck> {
  const client = createGitLabClient({ baseUrl, token, maxRetries: 1 });
  const user = await client.rest.currentUser();
  // Older GitLab versions lack /personal_access_tokens/self; the user check alone still counts.
  const self = await client.rest.tokenSelf().catch(() => null);
  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    scopes: self?.scopes ?? [],
    expiresAt: self?.expires_at ?? null,
  };
}
