/**
 * requestCreditReport and verifyCreditReport (issue 15, point 1). Issuing is a personal read that
 * stores what it issued: the permit of schema/src/permits.ts (the subject, or an agency under the
 * subject's live grant, checked here on records' own copy of identity's grants), then the report
 * is assembled, rendered, hashed, signed and its number, hash and signature stored, in that order,
 * so that a refused or failed request stores nothing.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { authorizeWrite, badInput, isUuid, logger, notFound } from '@credit/kit';
import type { CallerContext, LiveGrant } from '@credit/schema';
import { eq } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { MutationRequestCreditReportArgs, QueryVerifyCreditReportArgs } from '../generated/resolvers.js';
import { creditReports, grantFacts } from '../db/schema.js';
import { assembleReport, normalizeDomains, SubjectUnknownError, type ReportReader } from './content.js';
import { renderReport } from './pdf.js';
import { reportSignerFromEnv, type ReportSigner } from './signing.js';

let signer: ReportSigner | undefined;
/** The process's signer, from RECORDS_REPORT_SIGNING_KEY or the dev key file (signing.ts). */
export const currentSigner = (): ReportSigner => (signer ??= reportSignerFromEnv());

/** Crockford's base 32: no I, L, O or U to misread when a relying party types it in. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomText = (length: number) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** XYBG-20261105-7K3M9Q2XHA: 信用报告, the issuing date, 50 random bits. */
export const newReportNumber = (today: string) => `XYBG-${today.replaceAll('-', '')}-${randomText(10)}`;
/** 8 characters, 40 random bits: with the number, what a relying party needs to verify. */
export const newVerificationCode = () => randomText(8);

const normalizeNumber = (number: string) => number.trim().toUpperCase();
/** Case, spaces and dashes do not matter when the code is typed in. */
const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const codeHash = (number: string, code: string) => createHash('sha256').update(`${number}\n${code}`).digest('hex');

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The live grant the agency names, from records' own projection: it must exist here (a grant
 * records has not heard of yet is no grant), name this agency as grantee and the declared purpose,
 * and be neither revoked nor expired by records' clock.
 */
async function liveGrant(ctx: Context): Promise<(LiveGrant & { id: string }) | null> {
  const { principal, purpose, grantId } = ctx.caller;
  if (principal.role !== 'AGENCY' || !grantId || !isUuid(grantId)) return null;
  const [grant] = await ctx.db.select().from(grantFacts).where(eq(grantFacts.id, grantId));
  if (!grant || grant.grantee !== principal.sub || grant.purpose !== purpose || grant.revokedAt !== null || grant.expiresAt <= ctx.clock.now()) return null;
  return { id: grant.id, personId: grant.personId, scope: grant.scope };
}

export async function requestCreditReport(args: MutationRequestCreditReportArgs, ctx: Context) {
  const grant = await liveGrant(ctx);
  const writer: CallerContext & { grant: LiveGrant | null } = { ...ctx.caller, grant };
  authorizeWrite(writer, 'requestCreditReport', args as unknown as Record<string, unknown>);
  const today = ctx.clock.today();
  const { personId, from, to } = args;
  if (from > to) throw badInput('from must not be after to', { field: 'from', reason: 'RANGE' });
  if (to > today) throw badInput('to must not be after today: a report speaks for what has been decided', { field: 'to', reason: 'FUTURE_DATE' });
  const reader: ReportReader = grant ? { kind: 'AGENCY', agency: ctx.caller.principal.sub, grantId: grant.id, scope: grant.scope } : { kind: 'SUBJECT' };
  const scope = { personId, from, to, domains: normalizeDomains(args.domains) };
  let content;
  try {
    content = await assembleReport(ctx.db, scope, reader, today);
  } catch (error) {
    if (error instanceof SubjectUnknownError) {
      throw notFound('Records has no registration of this person yet; try again shortly', { field: 'personId', reason: 'SUBJECT_NOT_KNOWN' });
    }
    throw error;
  }
  const issuedAt = ctx.clock.now();
  const number = newReportNumber(today);
  const code = newVerificationCode();
  const pdf = await renderReport(content, { number, code, issuedAt });
  const sha256 = sha256Hex(pdf);
  const key = currentSigner();
  const signature = key.sign(number, sha256);
  await ctx.db.insert(creditReports).values({
    number,
    subjectId: personId,
    requestedBy: ctx.caller.principal.sub,
    requesterRole: ctx.caller.principal.role,
    grantId: grant?.id ?? null,
    periodFrom: from,
    periodTo: to,
    domains: scope.domains,
    issuedAt,
    sha256,
    signature,
    keyId: key.keyId,
    codeHash: codeHash(number, code),
  });
  return {
    number,
    verificationCode: code,
    subjectId: personId,
    periodFrom: from,
    periodTo: to,
    domains: scope.domains,
    issuedAt,
    sha256,
    signature,
    keyId: key.keyId,
    fileName: `专项信用报告-${number}.pdf`,
    pdfBase64: pdf.toString('base64'),
  };
}

/** What requestCreditReport answers: the CreditReport type's fields, its subject by id. */
export type IssuedReport = Awaited<ReturnType<typeof requestCreditReport>>;

export type CreditReportCheck = 'VALID' | 'ALTERED' | 'CONTENT_NOT_CHECKED' | 'UNKNOWN';

/**
 * Whether a report is genuine and unaltered, without saying anything of its content: VALID when
 * records issued a report with this number and code, its stored signature holds under records'
 * key, and `sha256` is the signed hash; ALTERED when all but the hash hold; CONTENT_NOT_CHECKED
 * when no hash was given; UNKNOWN otherwise (a wrong code answers like a number never issued).
 */
export async function verifyCreditReport(args: QueryVerifyCreditReportArgs, ctx: Context) {
  const number = normalizeNumber(args.number);
  const given = args.sha256?.trim().toLowerCase() || null;
  if (given !== null && !/^[0-9a-f]{64}$/.test(given)) throw badInput('sha256 must be 64 hexadecimal digits', { field: 'sha256', reason: 'FORMAT' });
  const answer = (result: CreditReportCheck) => ({ number, result, valid: result === 'VALID' });
  const [row] = number.length <= 64 ? await ctx.db.select().from(creditReports).where(eq(creditReports.number, number)) : [];
  const presented = Buffer.from(codeHash(number, normalizeCode(args.code)), 'hex');
  const stored = Buffer.from(row?.codeHash ?? '0'.repeat(64), 'hex');
  if (!row || !timingSafeEqual(presented, stored)) return answer('UNKNOWN');
  const key = currentSigner();
  if (row.keyId !== key.keyId || !key.verify(row.number, row.sha256, row.signature)) {
    // The stored hash or signature was changed, or the key was replaced: nothing to vouch for.
    logger.error({ keyId: row.keyId }, 'a stored credit report does not verify under the current report key');
    return answer('UNKNOWN');
  }
  if (given === null) return answer('CONTENT_NOT_CHECKED');
  return answer(timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(row.sha256, 'hex')) ? 'VALID' : 'ALTERED');
}
