/**
 * The classifier's rules, kept as data in resources/classification/*.json (see each file's
 * "_about" for its sources) and checked here once at load: a bad rule fails loudly at startup and
 * in the unit tests, never silently at classification time.
 */
import { z } from 'zod';
import { DeviceType } from '../api/discovery.ts';
import enterprisesJson from '../../resources/classification/enterprises.json' with { type: 'json' };
import macVendorsJson from '../../resources/classification/mac-vendors.json' with { type: 'json' };
import portsJson from '../../resources/classification/ports.json' with { type: 'json' };
import productsJson from '../../resources/classification/products.json' with { type: 'json' };
import servicesJson from '../../resources/classification/services.json' with { type: 'json' };
import sysDescrJson from '../../resources/classification/sysdescr.json' with { type: 'json' };
import windowsReleasesJson from '../../resources/classification/windows-releases.json' with { type: 'json' };
import osFamiliesJson from '../../resources/classification/os-families.json' with { type: 'json' };
import familyRolesJson from '../../resources/classification/family-roles.json' with { type: 'json' };
import { enterpriseRegistry, type EnterpriseRegistry } from './enterprise-registry.ts';
import { compileFamilies, type OsFamily } from './os-families.ts';

const Weights = z.partialRecord(DeviceType.exclude(['unknown']), z.number().min(-5).max(5));
const Oid = z.string().regex(/^1(\.\d+)+$/, 'numeric OID without a leading dot');
const Regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}, 'invalid regular expression');

const EnterprisesFile = z.object({
  enterprises: z.record(
    z.string().regex(/^\d+$/),
    z.strictObject({ vendor: z.string().nullable(), agent: z.string().optional(), os: z.string().optional(), types: Weights.optional() }),
  ),
});
const ProductsFile = z.object({
  products: z.array(
    z.strictObject({
      oid: Oid,
      match: z.enum(['exact', 'prefix']).default('exact'),
      model: z.string().nullable(),
      type: DeviceType.exclude(['unknown']).optional(),
      weight: z.number().positive().max(5).default(3),
      os: z.string().optional(),
      label: z.string().optional(),
    }),
  ),
});
const SysDescrFile = z.object({
  rules: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      pattern: Regex,
      flags: z.string().regex(/^[imsu]*$/).optional(),
      vendor: z.string().optional(),
      os: z.string().optional(),
      /** Weight of this rule's os (default 2): IOS-XE outranks the plain "IOS" both banners match. */
      osWeight: z.number().positive().optional(),
      /** A generic OS (Linux, Windows, FreeBSD) that appliances run underneath: an OS family's name outranks it. */
      generic: z.boolean().optional(),
      /** The model from several groups: "{part} / {series}" (used when every group named matched). */
      modelTemplate: z.string().optional(),
      /** The version from several groups: "{version} Release {release}". */
      versionTemplate: z.string().optional(),
      /** The version group is a kernel version named by a release table (windows-releases.json). */
      release: z.enum(['windows']).optional(),
      types: Weights.optional(),
    }),
  ),
});
const Build = z.number().int().min(0);
const WindowsReleasesFile = z.object({
  releases: z.array(
    z.strictObject({
      kernel: z.array(z.string().regex(/^\d+\.\d+$/)).min(1),
      builds: z.tuple([Build, Build]).optional(),
      client: z.string().optional(),
      server: z.string().optional(),
    }),
  ),
});
export type WindowsRelease = z.infer<typeof WindowsReleasesFile>['releases'][number];
const Layer = z.number().int().min(1).max(7);
const ServicesFile = z.object({
  rules: z.array(z.strictObject({ all: z.array(Layer).default([]), none: z.array(Layer).default([]), any: z.array(Layer).default([]), label: z.string(), types: Weights })),
});
const PortsFile = z.object({
  rules: z.array(z.strictObject({ any: z.array(z.number().int().min(1).max(65_535)).min(1), label: z.string(), os: z.string().optional(), types: Weights })),
});
const MacVendorsFile = z.object({
  rules: z.array(z.strictObject({ pattern: Regex, vendor: z.string(), label: z.string().optional(), types: Weights.optional() })),
});

const FamilyRolesFile = z.object({
  kinds: z.record(z.string(), Weights),
  roles: z.array(z.strictObject({ kind: z.string(), type: DeviceType.exclude(['unknown']), weight: z.number().positive().max(5), pattern: Regex })),
});

export type TypeWeights = z.infer<typeof Weights>;

export interface FamilyRole {
  kind: string;
  type: Exclude<DeviceType, 'unknown'>;
  weight: number;
  regex: RegExp;
}

export interface ClassificationRules {
  /** Curated enterprises (short vendor names, type hints, generic agents). */
  enterprises: Map<string, z.infer<typeof EnterprisesFile>['enterprises'][string]>;
  productsExact: Map<string, z.infer<typeof ProductsFile>['products'][number]>;
  /** Longest prefix first. */
  productsPrefix: z.infer<typeof ProductsFile>['products'];
  sysDescr: (z.infer<typeof SysDescrFile>['rules'][number] & { regex: RegExp })[];
  services: z.infer<typeof ServicesFile>['rules'];
  ports: z.infer<typeof PortsFile>['rules'];
  macVendors: (z.infer<typeof MacVendorsFile>['rules'][number] & { regex: RegExp })[];
  /** Windows kernel version and build → marketing name, first match wins. */
  windowsReleases: WindowsRelease[];
  /** Every other enterprise number: its organisation in the IANA registry. */
  registry: Pick<EnterpriseRegistry, 'nameOf'>;
  /** OS families in the order they are tried (os-families.ts). */
  families: OsFamily[];
  /** A family's kind → our types (family-roles.json). */
  kinds: Map<string, TypeWeights>;
  roles: FamilyRole[];
}

/** The shipped IANA registry, loaded on its first lookup (not when the rules compile). */
const lazyRegistry: ClassificationRules['registry'] = { nameOf: (n) => enterpriseRegistry().nameOf(n) };

function parse<T extends z.ZodType>(schema: T, data: unknown, file: string): z.output<T> {
  const r = schema.safeParse(data);
  if (!r.success) throw new Error(`resources/classification/${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Builds the rule set from the seven files' contents and the registry (tests pass their own). */
export function compileRules(
  files: {
    enterprises: unknown;
    products: unknown;
    sysDescr: unknown;
    services: unknown;
    ports: unknown;
    macVendors: unknown;
    /** Default: the shipped table. */
    windowsReleases?: unknown;
    /** Default: the shipped families (os-families.json). */
    osFamilies?: unknown;
    /** Default: the shipped roles (family-roles.json). */
    familyRoles?: unknown;
  },
  registry: ClassificationRules['registry'] = lazyRegistry,
): ClassificationRules {
  const products = parse(ProductsFile, files.products, 'products.json').products;
  const roles = parse(FamilyRolesFile, files.familyRoles ?? familyRolesJson, 'family-roles.json');
  return {
    enterprises: new Map(Object.entries(parse(EnterprisesFile, files.enterprises, 'enterprises.json').enterprises)),
    productsExact: new Map(products.filter((p) => p.match === 'exact').map((p) => [p.oid, p])),
    productsPrefix: products.filter((p) => p.match === 'prefix').sort((a, b) => b.oid.length - a.oid.length),
    sysDescr: parse(SysDescrFile, files.sysDescr, 'sysdescr.json').rules.map((r) => ({ ...r, regex: new RegExp(r.pattern, r.flags ?? 'i') })),
    services: parse(ServicesFile, files.services, 'services.json').rules,
    ports: parse(PortsFile, files.ports, 'ports.json').rules,
    macVendors: parse(MacVendorsFile, files.macVendors, 'mac-vendors.json').rules.map((r) => ({ ...r, regex: new RegExp(r.pattern, 'i') })),
    windowsReleases: parse(WindowsReleasesFile, files.windowsReleases ?? windowsReleasesJson, 'windows-releases.json').releases,
    registry,
    families: compileFamilies(files.osFamilies ?? osFamiliesJson),
    kinds: new Map(Object.entries(roles.kinds)),
    roles: roles.roles.map((r) => ({ ...r, regex: new RegExp(r.pattern, 'i') })),
  };
}

let shipped: ClassificationRules | null = null;

/** The rules shipped with the app (compiled once). */
export function shippedRules(): ClassificationRules {
  shipped ??= compileRules({
    enterprises: enterprisesJson,
    products: productsJson,
    sysDescr: sysDescrJson,
    services: servicesJson,
    ports: portsJson,
    macVendors: macVendorsJson,
  });
  return shipped;
}
