/**
 * The model word of a device's own banner, when no rule named one: appliances often start or
 * fill their sysDescr with it ("D-Link DAP-2230 Wireless AP", "Brother HL-5370DW series",
 * "RUT240"). A model word mixes letters and digits, has no dots (versions have), and is none of the
 * words banners share (architectures, kernels, build tags). Only for banners of a known product
 * family: a Linux or Windows banner names the host and the CPU, not the product.
 */

const SKIP_AFTER = /^(?:version|ver|v|release|build|firmware|fw|sn|s\/n|serial|rev|revision|kernel|mac|id|mid|fid)[:.]?$/i;
const NOT_A_MODEL = [
  /\./, // versions, dates, addresses
  /^(?:x86_64|x86|i[3-6]86|amd64|arm64|aarch64|armv\d\w*|mips\w*|ppc\w*|sun4\w|intel64|ia64|em64t|sparc\w*)$/i,
  /^(?:smp|preempt|[0-9a-f]{12}|[0-9a-f]{2}(?::[0-9a-f]{2}){5})$/i,
  /^v?\d+(?:[-_]\d+)*$/i, // all digits (with a v prefix)
  /^V\d{3}R\d{3}/, // Huawei software versions
  /^\d{1,2}[a-z]{2,3}\d{2,4}$/i, // dates like 14Dec2020
  /^(?:[a-z]+\d?|\d[a-z]?)$/i, // words without a digit/letter mix worth a model
  /^(?:ipv[46]|ieee\d+\w*|802\.\w+|10\/100\w*|utf-?8|usb\d?|http\w*|snmpv?\d\w*|ssl\w*|tls\w*|md5|sha\d*|cpu\d*|ram\d*|fc\d)$/i,
];

function looksLikeModel(token: string): boolean {
  if (token.length < 3 || token.length > 32) return false;
  if (!/[a-z]/i.test(token) || !/\d/.test(token)) return false;
  if (!/^[A-Za-z0-9][A-Za-z0-9+/_-]*[A-Za-z0-9+]$/.test(token)) return false;
  return !NOT_A_MODEL.some((re) => re.test(token));
}

/** The first model-like word of a banner, or null. */
export function modelToken(sysDescr: string): string | null {
  const tokens = sysDescr.slice(0, 300).split(/[\s,;()[\]"']+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/:$/, '');
    if (i > 0 && SKIP_AFTER.test(tokens[i - 1]!)) continue;
    if (looksLikeModel(t)) return t;
  }
  return null;
}
