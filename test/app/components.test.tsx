import { render, screen } from '@testing-library/react';
import { LedgerList } from '../../src/components/ledger-list';
import { nextLevelHint } from '../../src/components/points-summary';
import { StarLevel } from '../../src/components/star-level';
import { maskPhone } from '../../src/utils/format';
import { myPoints, summary } from './fixtures';

describe('next level hint', () => {
  it('says how many points the next star needs', () => {
    expect(nextLevelHint(summary)).toBe('再得 2 分可升为三星');
  });

  it('speaks of passing when below the lowest level', () => {
    expect(nextLevelHint({ ...summary, total: 55, starLevel: { stars: 0, label: '不合格', nextAt: 5 } })).toBe(
      '再得 5 分即可达到合格（一星）',
    );
  });

  it('congratulates at the top and reports a closed year', () => {
    expect(nextLevelHint({ ...summary, starLevel: { stars: 5, label: '★★★★★', nextAt: null } })).toBe(
      '已达到最高星级，继续保持',
    );
    expect(nextLevelHint({ ...summary, closed: true })).toBe('2026年积分已结算');
  });
});

describe('star level', () => {
  it("shows the API's label in red and the levels not reached in grey", () => {
    const { container } = render(<StarLevel level={{ stars: 3, label: '★★★', nextAt: 10 }} />);
    expect(container.querySelector('.xf-star-level__stars--on')?.textContent).toBe('★★★');
    expect(container.querySelector('.xf-star-level__stars:not(.xf-star-level__stars--on)')?.textContent).toBe('★★');
    expect(screen.getByText('三星')).toBeTruthy();
  });

  it('shows 不合格 without stars', () => {
    const { container } = render(<StarLevel level={{ stars: 0, label: '不合格', nextAt: 5 }} />);
    expect(screen.getByText('不合格')).toBeTruthy();
    expect(container.querySelectorAll('.xf-star-level__stars')).toHaveLength(0);
  });
});

describe('ledger list', () => {
  it('shows what, when and the signed points', () => {
    render(<LedgerList entries={myPoints.recent} />);
    expect(screen.getByText('党章知识测试')).toBeTruthy();
    expect(screen.getByText('4月12日 15:00')).toBeTruthy();
    expect(screen.getAllByText('+2')).toHaveLength(2);
  });

  it('marks capped and reversed entries, naming the cap that is used up', () => {
    const [first] = myPoints.recent;
    render(
      <LedgerList
        entries={[
          {
            ...first!,
            delta: 0,
            reason: null,
            sourceTitle: null,
            cappedFrom: 2,
            capNote: '志愿服务年度上限 8 分已用满',
            reversedByEntryId: 9,
          },
        ]}
      />,
    );
    expect(screen.getByText('志愿服务年度上限 8 分已用满')).toBeTruthy();
    expect(screen.getByText('已撤销')).toBeTruthy();
    expect(screen.queryByText(/原应/)).toBeNull();
  });

  it('groups entries by month, newest first as given, each at its real time', () => {
    const [first] = myPoints.recent;
    render(
      <LedgerList
        entries={[
          {
            ...first!,
            id: 31,
            recordedAt: '2026-11-30T19:05:00.000+08:00',
            occurredAt: '2026-11-30T09:00:00.000+08:00',
          },
          { ...first!, id: 32, recordedAt: '2026-11-02T08:30:00.000+08:00' },
          { ...first!, id: 33, recordedAt: '2026-10-15T10:00:00.000+08:00' },
        ]}
      />,
    );
    const headings = screen.getAllByText(/^\d+月$/).map((el) => el.textContent);
    expect(headings).toEqual(['11月', '10月']);
    // The time the member checked in, not the activity's start.
    expect(screen.getByText('11月30日 19:05')).toBeTruthy();
    expect(screen.queryByText('11月30日 09:00')).toBeNull();
  });

  it('says when there is nothing yet', () => {
    render(<LedgerList entries={[]} emptyText="近期还没有答题积分" />);
    expect(screen.getByText('近期还没有答题积分')).toBeTruthy();
  });
});

describe('phone masking', () => {
  it('masks the middle digits unless already masked', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138****5678')).toBe('138****5678');
    expect(maskPhone(null)).toBe('未填写');
  });
});
