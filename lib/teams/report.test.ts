import { describe, expect, it } from 'vitest';
import { can, canRemove, TEAM_ACTIONS, visibleRows } from './access';
import { hashSecret, inviteProblem, parseInviteToken, secretMatches } from './invite';
import { calibration, reportCsv, type TeamReport } from './report';

describe('calibration', () => {
  it('flags self-grading well above quiz accuracy only with enough of both', () => {
    expect(calibration({ passed: 9, total: 10 }, { correct: 5, total: 10 })).toMatchObject({ cardPassRate: 0.9, quizAccuracy: 0.5, flagged: true });
    expect(calibration({ passed: 9, total: 10 }, { correct: 8, total: 10 }).flagged).toBe(false);
    expect(calibration({ passed: 4, total: 4 }, { correct: 0, total: 10 }).flagged).toBe(false);
    expect(calibration({ passed: 0, total: 0 }, { correct: 0, total: 0 })).toMatchObject({ cardPassRate: null, quizAccuracy: null, gap: null, flagged: false });
  });
});

describe('access rules', () => {
  it('outsiders may do nothing; members read their own row only; only the owner hands on or deletes', () => {
    for (const a of TEAM_ACTIONS) expect(can(null, a)).toBe(false);
    expect(can('member', 'view-all-rows')).toBe(false);
    expect(can('admin', 'view-all-rows')).toBe(true);
    expect(can('admin', 'delete-team')).toBe(false);
    expect(can('owner', 'leave')).toBe(false);
    expect(canRemove('admin', 'member')).toBe(true);
    expect(canRemove('admin', 'admin')).toBe(false);
    expect(canRemove('owner', 'admin')).toBe(true);
    expect(canRemove('owner', 'owner')).toBe(false);
    const rows = [{ userId: 'a' }, { userId: 'b' }];
    expect(visibleRows('member', 'b', rows)).toEqual([{ userId: 'b' }]);
    expect(visibleRows('admin', 'b', rows)).toEqual(rows);
    expect(visibleRows(null, 'b', rows)).toEqual([]);
  });
});

describe('invite tokens', () => {
  it('parse only as id.secret and match only the stored hash', () => {
    const id = '3f1c6a3e-1111-4222-8333-444455556666';
    const secret = 'A'.repeat(43);
    expect(parseInviteToken(`${id}.${secret}`)).toEqual({ inviteId: id, secret });
    expect(parseInviteToken(`${id}.${secret}x`)).toBeNull();
    expect(parseInviteToken('../../etc')).toBeNull();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches('B'.repeat(43), hashSecret(secret))).toBe(false);
    expect(secretMatches(secret, 'short')).toBe(false);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(inviteProblem({ revokedAt: null, expiresAt: new Date('2026-01-02'), maxUses: 2, uses: 1 }, now)).toBeNull();
    expect(inviteProblem({ revokedAt: now, expiresAt: new Date('2026-01-02'), maxUses: null, uses: 0 }, now)).toBe('revoked');
    expect(inviteProblem({ revokedAt: null, expiresAt: now, maxUses: null, uses: 0 }, now)).toBe('expired');
    expect(inviteProblem({ revokedAt: null, expiresAt: new Date('2026-01-02'), maxUses: 2, uses: 2 }, now)).toBe('used-up');
  });
});

describe('CSV', () => {
  it('has a row per member and quotes names that a spreadsheet would run as formulas', () => {
    const report: TeamReport = {
      target: 0.8,
      patterns: [{ topicId: 'timeout', title: 'Timeout', href: '/patterns/timeout', meanRecallNow: 0.5, meanRecallDue: 0.4, quizAccuracy: null, quizAnswers: 0 }],
      rows: ['=HYPERLINK("x")', 'Ann, B.'].map((name, i) => ({
        userId: `u${i}`,
        name,
        role: 'member' as const,
        lastActive: null,
        assignments: [],
        recall: [{ topicId: 'timeout', now: 0.5, due: 0.4, dueDate: '2026-02-01' }],
        calibration: calibration({ passed: 0, total: 0 }, { correct: 0, total: 0 }),
        overdue: 0,
      })),
      forgotten: [],
      averages: { recallNow: 0.5, recallDue: 0.4, stepsDone: 0, stepsTotal: 0 },
    };
    const lines = reportCsv(report).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('recall_now:timeout,recall_due:timeout');
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(lines[2]!.startsWith('"Ann, B.",member,,0,0')).toBe(true);
    expect(lines[2]).toContain(',0.5,0.4,');
  });
});
