/**
 * Which list prevails when a person qualifies for both (issue 15, point 3). Standing, eligibility,
 * measures and the RedListEntry fields all read this one rule, so no answer can show a person on
 * the serious dishonesty list (严重失信主体名单) and on the red list (守信激励名单) at once.
 *
 * The prevailing list only *suspends* the other: nominations and honour records are left as they
 * are, and whichever of them is still in force when the person leaves the black list (repair,
 * revocation, expiry) counts again from that day. Removing them instead would make a repaired
 * person depend on a department nominating them again for a term it already granted.
 */
export const LIST_PRECEDENCE = {
  prevails: 'SERIOUS_DISHONESTY_LIST',
  suspends: 'RED_LIST',
  /** The stable code eligibility and measure reasons give for a red list entry held in suspense. */
  reasonCode: 'RED_LIST_SUSPENDED',
  source:
    '发改财金规〔2017〕1798号 (守信联合激励和失信联合惩戒对象名单管理): a subject with serious dishonesty is not kept on the red list; ' +
    'DESIGN §4: no incentive while on the black list; suspension rather than removal: issue 15',
} as const;
