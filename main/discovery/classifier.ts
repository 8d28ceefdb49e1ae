/**
 * Device classification from what a sweep learned about a host: sysObjectID, sysDescr,
 * sysServices, open TCP ports and the MAC vendor. The rules are data (resources/classification/,
 * compiled by classification-rules.ts; enterprise numbers not curated there are named from the
 * IANA registry in resources/enterprises/); this file only adds up their evidence.
 *
 * How evidence combines: every matching rule adds weights to device types (strong evidence ~3:
 * an exact product OID, an unmistakable sysDescr; medium ~1-2: vendor, sysServices; weak <1: a
 * port, a MAC vendor). The type with the highest total wins. Confidence grows with that total and
 * shrinks when a runner-up is close:
 *   confidence = (1 - e^(-best/2)) × (0.5 + 0.5 × (best - second) / best)
 * so one weak hint gives ~0.2, a product OID alone ~0.8, agreeing SNMP evidence 0.9+. Below a
 * total of 0.3 the type is 'unknown'. Vendor, model and OS are picked the same way from weighted
 * candidates. Every matched rule leaves a human-readable reason.
 */
import type { DeviceType } from '../api/discovery.ts';
import { shippedRules, type ClassificationRules, type TypeWeights } from './classification-rules.ts';
import type { DeviceEvidence } from './device-evidence.ts';
import { windowsReleaseName, type WindowsEdition } from './os-release.ts';
import { matchFamily } from './os-families.ts';
import { modelToken } from './model-token.ts';
import { networkRole } from './network-role.ts';
import { productModelName, productOf } from './product-registry.ts';
import { weighEvidence } from './evidence-rules.ts';

export type { DeviceType };

export interface ClassifierInput {
  /** SNMPv2-MIB::sysObjectID.0, numeric ('1.3.6.1.4.1.9.1.716'; a leading dot is fine). */
  sysObjectID?: string | null;
  /** SNMPv2-MIB::sysDescr.0 */
  sysDescr?: string | null;
  /** SNMPv2-MIB::sysServices.0 */
  sysServices?: number | null;
  /** Open TCP ports from the TCP probe. */
  openPorts?: readonly number[];
  /** Short OUI vendor name of the host's MAC (oui.ts). */
  macVendor?: string | null;
  /** What the extra SNMP GET round learned (device-evidence.ts). */
  evidence?: DeviceEvidence | null;
}

export interface Classification {
  type: DeviceType;
  vendor: string | null;
  model: string | null;
  os: string | null;
  osVersion: string | null;
  /** The OS family matched (os-families.json id, e.g. "dsm"), or null: templates match on it. */
  family: string | null;
  /** 0..1, two decimals. */
  confidence: number;
  /** Why, in the order the evidence was read. */
  reasons: string[];
  /** Total weight per type (only types with evidence), for the UI's "why not X". */
  scores: Partial<Record<DeviceType, number>>;
}

const TYPE_LABEL: Record<DeviceType, string> = {
  router: 'router',
  switch: 'switch',
  'l3-switch': 'layer-3 switch',
  firewall: 'firewall',
  'wireless-ap': 'wireless access point',
  'wireless-controller': 'wireless controller',
  server: 'server',
  workstation: 'workstation',
  printer: 'printer',
  ups: 'UPS',
  storage: 'storage',
  'ip-phone': 'IP phone',
  camera: 'camera',
  hypervisor: 'hypervisor',
  pdu: 'PDU',
  sensor: 'environment sensor',
  'load-balancer': 'load balancer',
  'voip-gateway': 'VoIP gateway',
  nas: 'NAS',
  appliance: 'appliance',
  unknown: 'unknown',
};

const UNKNOWN_BELOW = 0.3;
const W = { familyVendor: 2.4, familyOs: 3.5, genericFamilyOs: 1, genericFamilyType: 0.4, familyUnderProduct: 0.25, productRule: 1.5, familyVersion: 2, familyModel: 0.9, entityModel: 2.5, registryModel: 1.5, modelWord: 0.4, entityVendor: 1, upsModel: 2, productModel: 3, penVendor: 2.5, registryVendor: 1.5, descrVendor: 2, descrOs: 2, descrVersion: 2, descrModel: 1.6, productOs: 2.5, penOs: 1, macVendor: 1, macVendorRaw: 0.5, portOs: 0.8 } as const;

/** Weighted candidates for one field. */
class Votes {
  private readonly map = new Map<string, number>();
  add(value: string | null | undefined, weight: number): void {
    const v = value?.trim();
    if (v) this.map.set(v, (this.map.get(v) ?? 0) + weight);
  }
  empty(): boolean {
    return this.map.size === 0;
  }
  best(): string | null {
    let out: string | null = null;
    let top = -Infinity;
    for (const [v, w] of this.map) if (w > top) [out, top] = [v, w];
    return out;
  }
}

function normalizeOid(oid: string | null | undefined): string | null {
  if (!oid) return null;
  let t = oid.trim().replace(/^\./, '');
  t = t.replace(/^iso\./, '1.').replace(/^(SNMPv2-SMI::)?enterprises\./, '1.3.6.1.4.1.');
  return /^\d+(\.\d+)+$/.test(t) ? t : null;
}

function describeTypes(types: TypeWeights | undefined): string {
  const positive = Object.entries(types ?? {})
    .filter(([, w]) => (w ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([t]) => TYPE_LABEL[t as DeviceType]);
  return positive.join(' or ');
}

function layersOf(sysServices: number): number[] {
  const out: number[] = [];
  for (let layer = 1; layer <= 7; layer++) if (sysServices & (1 << (layer - 1))) out.push(layer);
  return out;
}

/** A template's "{group}" placeholders filled from the match; null when a group it names did not match. */
function fill(template: string | undefined, g: Record<string, string | undefined>): string | null {
  if (!template) return null;
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = g[name]?.trim();
    if (!v) missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

const clip = (s: string, n = 60): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** Classifies one host. Pure; `rules` defaults to the shipped ones. */
export function classify(input: ClassifierInput, rules: ClassificationRules = shippedRules()): Classification {
  const scores = new Map<Exclude<DeviceType, 'unknown'>, number>();
  const vendor = new Votes();
  const model = new Votes();
  const os = new Votes();
  // Versions per the OS of the rule that read them ('' for none): a kernel version the Linux
  // rule reads is not DSM's or QTS's version when those win.
  const osVersions = new Map<string, Votes>();
  const versionOf = (forOs: string | undefined): Votes => {
    let v = osVersions.get(forOs ?? '');
    if (!v) osVersions.set(forOs ?? '', (v = new Votes()));
    return v;
  };
  let windows: { os: string; kernel: string; build: number | null } | null = null;
  let edition: WindowsEdition = null;
  const reasons: string[] = [];
  const addTypes = (types: TypeWeights | undefined, factor = 1): void => {
    for (const [t, w] of Object.entries(types ?? {})) {
      const key = t as Exclude<DeviceType, 'unknown'>;
      scores.set(key, (scores.get(key) ?? 0) + (w ?? 0) * factor);
    }
  };

  // Whether a product rule (sysObjectID product, a product's sysDescr banner) named the OS.
  let namedByProduct = false;
  let typedByProduct = false;
  // sysObjectID: enterprise, then product (exact, else the longest prefix).
  const oid = normalizeOid(input.sysObjectID);
  if (oid) {
    const pen = /^1\.3\.6\.1\.4\.1\.(\d+)(?:\.|$)/.exec(oid)?.[1];
    const ent = pen ? rules.enterprises.get(pen) : undefined;
    if (pen && ent) {
      vendor.add(ent.vendor, W.penVendor);
      os.add(ent.os, W.penOs);
      addTypes(ent.types);
      const who = ent.vendor ?? `the ${ent.agent ?? 'generic'} agent`;
      const hint = describeTypes(ent.types);
      reasons.push(`sysObjectID 1.3.6.1.4.1.${pen}.x → ${who}${hint ? ` (usually a ${hint})` : ''}`);
    } else if (pen) {
      // Not curated: the organisation the IANA registry has for the number, below a vendor a
      // sysDescr names (an OEM's agent under its supplier's number) and above the MAC's.
      const org = rules.registry.nameOf(Number(pen));
      if (org) {
        vendor.add(org, W.registryVendor);
        reasons.push(`sysObjectID 1.3.6.1.4.1.${pen}.x → ${org} (vendor from IANA enterprise number ${pen})`);
      } else {
        reasons.push(`sysObjectID enterprise ${pen} is not in the vendor map`);
      }
    }
    // The vendor's product-registration MIB names the exact product OID (catalyst296024TT).
    const registered = productOf(oid);
    if (registered?.exact) {
      const name = productModelName(registered.name, ent?.vendor ?? (pen ? rules.registry.nameOf(Number(pen)) : null));
      model.add(name, W.registryModel);
      reasons.push(`sysObjectID ${oid} → ${name} (${registered.module}${registered.descr ? `: ${clip(registered.descr, 50)}` : ''})`);
    }
    const product = rules.productsExact.get(oid) ?? rules.productsPrefix.find((p) => oid === p.oid || oid.startsWith(`${p.oid}.`));
    if (product) {
      model.add(product.model, W.productModel);
      // A generic agent's OID (Net-SNMP on Linux) says which OS runs under the product, not the product's OS.
      os.add(product.os, ent?.agent ? W.genericFamilyOs : W.productOs);
      if (product.os && !ent?.agent) namedByProduct = true;
      if (product.type && product.match === 'exact') typedByProduct = true;
      if (product.type) addTypes({ [product.type]: product.weight });
      if (product.type === 'workstation' || product.type === 'server') edition = product.type === 'server' ? 'server' : 'client';
      const what = [product.model ?? product.label, product.type ? TYPE_LABEL[product.type] : null, product.os && !product.type ? product.os : null].filter(Boolean).join(', ');
      reasons.push(`sysObjectID ${product.match === 'exact' ? oid : `${product.oid}.x`} → ${what}`);
    }
  }

  // OS family: the product line the system group names, which beats the vendor's usual type.
  const descr = input.sysDescr?.slice(0, 2000) ?? '';
  const fam = matchFamily(rules.families, oid, descr, input.evidence?.familyValues);
  if (fam) {
    const f = fam.family;
    vendor.add(f.vendor, W.familyVendor);
    const text = `${f.name} ${fam.hardware ?? ''} ${descr.slice(0, 300)}`;
    const role = rules.roles.find((r) => r.kind === f.kind && r.regex.test(text));
    const kindTypes = f.kind ? rules.kinds.get(f.kind) : undefined;
    // A network family that names no role: the device's own answers say router or switch, with
    // the family's whole weight (a split between the two would lose to a generic agent's "server").
    const split = kindTypes && Object.keys(kindTypes).length > 1 ? networkRole(input) : null;
    const types = role
      ? { [role.type]: role.weight }
      : split
        ? { [split.type]: Object.values(kindTypes!).reduce((a, w) => a + (w ?? 0), 0) }
        : kindTypes;
    if (split) reasons.push(split.reason);
    // An exact product OID knows the device better than its OS family; a generic family (Linux
    // under an appliance) only says "some computer".
    addTypes(types, f.generic ? W.genericFamilyType : typedByProduct ? W.familyUnderProduct : 1);
    const said = [fam.hardware && `model ${fam.hardware}`, fam.version && `version ${fam.version}`, describeTypes(types)].filter(Boolean).join(', ');
    reasons.push(`${fam.evidence} → ${f.name}${said ? ` (${said})` : ''}`);
  }

  // sysDescr patterns.
  if (descr.trim()) {
    for (const rule of rules.sysDescr) {
      const m = rule.regex.exec(descr);
      if (!m) continue;
      const g = m.groups ?? {};
      const ruleOs = g.os?.trim() || rule.os;
      const version = fill(rule.versionTemplate, g) ?? (g.version && g.build ? `${g.version} (build ${g.build})` : g.version);
      const ruleModel = fill(rule.modelTemplate, g) ?? g.model;
      vendor.add(rule.vendor, W.descrVendor);
      // A product's own rule names its OS better than a family does (with the version it reads).
      os.add(ruleOs, (rule.osWeight ?? W.descrOs) * (rule.generic ? 1 : W.productRule));
      if (ruleOs && !rule.generic) namedByProduct = true;
      if (rule.release === 'windows' && ruleOs && g.version) windows ??= { os: ruleOs, kernel: g.version, build: g.build ? Number(g.build) : null };
      else versionOf(ruleOs).add(version, W.descrVersion);
      model.add(ruleModel, W.descrModel);
      addTypes(rule.types);
      const parts = [ruleOs && `OS ${ruleOs}${version ? ` ${version}` : ''}`, ruleModel && `model ${ruleModel}`, describeTypes(rule.types)].filter(Boolean);
      const negative = Object.values(rule.types ?? {}).some((w) => (w ?? 0) < 0);
      reasons.push(`sysDescr "${clip(descr)}" matches ${rule.label}${parts.length ? ` → ${parts.join(', ')}` : negative ? ' → not a UPS' : ''}`);
    }
  }

  // What the extra GET round read (ENTITY-MIB, LLDP, BRIDGE, IP, HOST-RESOURCES, Printer, UPS).
  if (input.evidence) {
    const ev = weighEvidence(input.evidence);
    for (const hint of ev) {
      addTypes(hint.types);
      vendor.add(hint.vendor, W.entityVendor);
      model.add(hint.model, hint.source === 'ups' ? W.upsModel : W.entityModel);
      reasons.push(hint.reason);
    }
  }

  // The family names the OS (and reads its version) unless a product rule already did; a
  // generic family (Linux, FreeBSD) only outranks nothing.
  if (fam && !namedByProduct) {
    const f = fam.family;
    os.add(f.os, f.generic ? W.genericFamilyOs : W.familyOs);
    versionOf(f.os).add(fam.version, W.familyVersion);
  }
  // The family's reading of the model, when nothing more specific named one; else the model
  // word of a product family's banner.
  if (fam?.hardware && model.empty()) model.add(fam.hardware, W.familyModel);
  if (fam?.probed && model.empty() && fam.probed.length <= 60) {
    model.add(fam.probed, W.familyModel);
    reasons.push(`the family's product OID names ${fam.probed}`);
  }
  // A banner that is one word naming a model ("BEFSX41", "RB260GS") is the model, family or not.
  const oneWord = /^\S+$/.test(descr.trim());
  if (((fam && !fam.family.generic) || oneWord) && model.empty() && !/^(?:Linux|FreeBSD|Hardware:|Microsoft|Windows)\b/i.test(descr)) {
    const word = modelToken(descr);
    if (word) {
      model.add(word, W.modelWord);
      reasons.push(`sysDescr names the model ${word}`);
    }
  }

  // sysServices layer bits.
  if (typeof input.sysServices === 'number' && input.sysServices > 0 && input.sysServices < 128) {
    const layers = layersOf(input.sysServices);
    for (const rule of rules.services) {
      const ok = rule.all.every((l) => layers.includes(l)) && !rule.none.some((l) => layers.includes(l)) && (rule.any.length === 0 || rule.any.some((l) => layers.includes(l)));
      if (!ok) continue;
      addTypes(rule.types);
      reasons.push(`sysServices ${input.sysServices} (layers ${layers.join(', ')}) ${rule.label} → ${describeTypes(rule.types)}`);
    }
  }

  // Open ports.
  const open = new Set(input.openPorts ?? []);
  for (const rule of rules.ports) {
    if (!rule.any.some((p) => open.has(p))) continue;
    addTypes(rule.types);
    os.add(rule.os, W.portOs);
    reasons.push(`open port ${rule.label} → ${[describeTypes(rule.types), rule.os].filter(Boolean).join(', ')}`);
  }

  // MAC vendor.
  const mac = input.macVendor?.trim();
  if (mac) {
    const rule = rules.macVendors.find((r) => r.regex.test(mac));
    if (rule) {
      vendor.add(rule.vendor, W.macVendor);
      addTypes(rule.types);
      const hint = describeTypes(rule.types);
      reasons.push(`MAC vendor ${mac}${rule.label ? ` (${rule.label})` : ''} → ${rule.vendor}${hint ? `, ${hint}` : ''}`);
    } else {
      vendor.add(mac, W.macVendorRaw);
      reasons.push(`MAC vendor ${mac}`);
    }
  }

  // Decide.
  const ranked = [...scores.entries()].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  const second = ranked[1]?.[1] ?? 0;
  const type: DeviceType = best >= UNKNOWN_BELOW ? ranked[0]![0] : 'unknown';
  const confidence = type === 'unknown' ? 0 : Math.round((1 - Math.exp(-best / 2)) * (0.5 + (0.5 * (best - second)) / best) * 100) / 100;
  if (type === 'unknown') reasons.push(scores.size ? 'Evidence too weak to name a device type' : 'No evidence of the device type');
  const chosenOs = os.best();
  let osVersion = (chosenOs ? osVersions.get(chosenOs)?.best() : null) ?? osVersions.get('')?.best() ?? null;
  if (windows && chosenOs === windows.os) {
    const w = windows;
    const name = windowsReleaseName(rules.windowsReleases, w.kernel, w.build, edition) ?? windowsReleaseName(rules.windowsReleases, w.kernel, w.build, null);
    const build = w.build === null ? '' : ` (build ${w.build})`;
    osVersion = name ? `${name}${build}` : `${w.kernel}${build}`;
    if (name) reasons.push(`Windows ${w.kernel}${w.build === null ? '' : ` build ${w.build}`}${edition ? ` on a ${edition === 'server' ? 'server' : 'workstation'}` : ''} → Windows ${name}`);
  }
  return {
    type,
    vendor: vendor.best(),
    model: model.best(),
    os: chosenOs,
    osVersion,
    family: fam?.family.id ?? null,
    confidence,
    reasons,
    scores: Object.fromEntries(ranked.map(([t, s]) => [t, Math.round(s * 100) / 100])),
  };
}
