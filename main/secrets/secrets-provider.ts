/** Where the 32-byte data key comes from: an env variable, a key file, or the OS keychain (Electron). */
export interface SecretsProvider {
  /** Returns the data key, creating and storing one on first use where the provider can. */
  getDataKey(): Promise<Buffer>;
  /** Says where the key lives, for error messages ("key file /x/secret.key"); never the key itself. */
  describe(): string;
}

export const DATA_KEY_BYTES = 32;
