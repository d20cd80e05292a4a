// `npm run setup -- --org <组织名称> --admin <管理员姓名> [--phone <手机号>]`: creates an
// organisation on the configured database (migrating it first) and prints the one-time invite
// its first org admin binds from the mini-program. Runs with NODE_ENV=production and the same
// validated configuration as the server; writes no demo data.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { migrateToLatest, openDatabase } from '../db/index.js';
import { AppError } from '../errors.js';
import { cst } from '../lib/time.js';
import { reissueAdminInvite, setUpOrganisation } from './organisation.js';
import { REVIEWER_MAX_DAYS, reviewNotes, setUpReviewer } from './reviewer.js';

const USAGE =
  '用法：npm run setup -- --org <组织名称> --admin <管理员姓名> [--phone <手机号>]\n' +
  '      npm run setup -- --org <组织名称> --reissue（邀请码丢失或过期、管理员尚未绑定时重新生成）\n' +
  `      npm run setup -- --org <组织名称> --reviewer [--days 14]（微信审核体验账号，最长 ${REVIEWER_MAX_DAYS} 天）\n` +
  '例如：npm run setup -- --org "某某市直机关工委" --admin "张三" --phone 13800000000';

let options: { org?: string; admin?: string; phone?: string; reissue?: boolean; reviewer?: boolean; days?: string };
try {
  ({ values: options } = parseArgs({
    options: {
      org: { type: 'string' },
      admin: { type: 'string' },
      phone: { type: 'string' },
      reissue: { type: 'boolean' },
      reviewer: { type: 'boolean' },
      days: { type: 'string' },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!options.org || (!options.admin && !options.reissue && !options.reviewer)) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfigOrExit();
const handle = openDatabase(config);
let exitCode = 0;
try {
  await migrateToLatest(handle.db);
  if (options.reviewer) {
    const reviewer = await setUpReviewer(handle.db, options.org, Number(options.days ?? 14));
    const until = cst(reviewer.inviteExpiresAt).format('YYYY-MM-DD HH:mm');
    console.log(
      [
        `已为组织「${reviewer.orgName}」准备微信审核体验账号（普通党员，位于沙箱支部，编号 ${reviewer.branchId}，看不到真实支部的名册）。`,
        reviewer.released ? '上一位审核人员绑定的微信已解除，旧邀请码作废。' : '',
        `一次性邀请码：${reviewer.inviteCode}，有效期至 ${until}（北京时间）。`,
        '请把下面这段文字填入小程序提交审核时的“审核备注”：',
        reviewNotes(reviewer, until),
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } else {
    const result = options.reissue
      ? await reissueAdminInvite(handle.db, options.org, config.inviteTtlMs)
      : await setUpOrganisation(
          handle.db,
          { orgName: options.org, adminName: options.admin!, adminPhone: options.phone ?? null },
          config.inviteTtlMs,
        );
    const expires = cst(result.inviteExpiresAt).format('YYYY-MM-DD HH:mm');
    console.log(
      [
        options.reissue
          ? `已为组织「${result.orgName}」（编号 ${result.orgId}）重新生成管理员邀请码，之前未使用的邀请码已作废。`
          : `已创建组织「${result.orgName}」（编号 ${result.orgId}，${handle.dialect}），排名公开范围：不公开（off）。`,
        `组织管理员：${result.adminName}（成员编号 ${result.adminId}）`,
        `一次性邀请码：${result.inviteCode}`,
        `有效期至 ${expires}（北京时间）。请管理员在小程序中登录微信后输入此邀请码完成绑定；邀请码只能使用一次。`,
      ].join('\n'),
    );
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`${error.message}（${error.code}）`);
  exitCode = 1;
} finally {
  await handle.destroy();
}
process.exitCode = exitCode;
