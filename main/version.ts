import pkg from '../package.json' with { type: 'json' };

/** WARD FLUX's version, from package.json. */
export const VERSION: string = pkg.version;
