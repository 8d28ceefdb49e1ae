/** The headless host's default port (a constant apart from the server, so the CLI starts without loading fastify). */
export const DEFAULT_PORT = 7040;
