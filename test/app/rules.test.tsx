import { render, screen } from '@testing-library/react';
import PointsRulesPage from '../../src/packages/points/pages/rules/index';
import { capText, rulePoints, starRows } from '../../src/packages/points/pages/rules/describe-rules';
import { fetchPointsRules } from '../../src/services/points';
import { rules } from './fixtures';

jest.mock('../../src/services/points');
const mockFetchPointsRules = fetchPointsRules as jest.MockedFunction<typeof fetchPointsRules>;

const ruleNamed = (code: string) => rules.rules.find((rule) => rule.code === code)!;

describe('points rules in plain Chinese', () => {
  it('states points per rule, ranges for manual awards and deductions', () => {
    expect(rulePoints(ruleNamed('attend_theme_day'))).toBe('+1 分');
    expect(rulePoints(ruleNamed('award'))).toBe('+1 至 +5 分');
    expect(rulePoints(ruleNamed('deduction'))).toBe('-1 至 -10 分');
    expect(rulePoints(ruleNamed('absence'))).toBe('0 分');
  });

  it('states caps per period', () => {
    expect(capText({ month: 2, year: 8 })).toBe('每月最多 2 分，每年最多 8 分');
    expect(capText(undefined)).toBeNull();
  });

  it('lists star levels from the top down, ending with 不合格', () => {
    expect(starRows(rules).map((row) => `${row.range} ${row.words}`)).toEqual([
      '96 分及以上 五星',
      '90 分及以上 四星',
      '80 分及以上 三星',
      '70 分及以上 二星',
      '60 分及以上 一星',
      '低于 60 分 不合格',
    ]);
  });

  it('renders base score, star levels, rules and shared caps', async () => {
    mockFetchPointsRules.mockResolvedValue(rules);
    render(<PointsRulesPage />);

    expect(await screen.findByText('60 分')).toBeTruthy();
    expect(screen.getByText('★★★★★ 五星')).toBeTruthy();
    expect(screen.getByText('表彰奖励')).toBeTruthy();
    expect(screen.getByText('+1 至 +5 分')).toBeTruthy();
    expect(screen.getByText('上限：每年最多 8 分（与“考试满分”合计）')).toBeTruthy();
  });
});
