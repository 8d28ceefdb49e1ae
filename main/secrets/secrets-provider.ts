/** Where the 32-byte data key comes from: an env variable, a key file, or the OS keychain (Electron). */
export interface SecretsProvider {
  /**
   * Returns the data key. With `mayCreate` (a new database) a provider that stores keys creates
   * one when it has none; without it (the database already holds sealed data) a missing key is
   * an error, never silently replaced by a new one.
   */
  getDataKey(options?: { mayCreate?: boolean }): Promise<Buffer>;
  /** Says where the key lives, for error messages ("key file /x/secret.key"); never the key itself. */
  describe(): string;
}

export const DATA_KEY_BYTES = 32;
