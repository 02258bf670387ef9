// Japanese UI text, by message key. English can follow as a second table of the same type.
// Each feature keeps its own table (features/*/messages.ts), merged here.
import { auditJa } from '../features/audit/messages';
import { bookingsJa } from '../features/bookings/messages';
import { counterJa } from '../features/counter/messages';
import { ledgerJa } from '../features/ledger/messages';
import { ledgerOfficeJa } from '../features/ledger-office/messages';
import { scheduleJa } from '../features/schedule/messages';
import { siteSettingsJa } from '../features/site-settings/messages';
import { usersJa } from '../features/users/messages';

const shell = {
  'app.title': '職員画面',
  'app.skip': '本文へ移動',
  'app.loading': '読み込み中…',
  'nav.label': 'メインメニュー',
  'nav.home': 'ホーム',
  'nav.bookings': '予約管理',
  'nav.bookings.callCenter': '予約管理（代行予約）',
  'nav.bookings.viewer': '予約管理（閲覧）',
  'nav.checkIn': '窓口受付',
  'nav.ledger': 'カード管理簿',
  'nav.settings': '設定',
  'nav.users': '職員ユーザー',
  'nav.auditLog': '操作ログ',
  'nav.password': 'パスワード変更',
  'nav.signOut': 'ログアウト',
  'signIn.heading': 'ログイン',
  'signIn.tenant': '自治体ID',
  'signIn.tenant.hint': '例: demo',
  'signIn.loginId': 'ログインID',
  'signIn.password': 'パスワード',
  'signIn.submit': 'ログイン',
  'signIn.submitting': 'ログインしています…',
  'signIn.errorSummary': 'ログインできませんでした',
  'signIn.idleEnded': '一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。',
  'signIn.signedOut': 'ログアウトしました。',
  'home.heading': 'ホーム',
  'home.welcome': '{name} さん、お疲れさまです。',
  'home.roles': 'あなたの権限: {roles}',
  'home.menuHint': '左のメニューから業務を選んでください。',
  'placeholder.body': 'この画面は準備中です。次の更新でご利用いただけるようになります。',
  'forbidden.heading': 'この画面を開く権限がありません',
  'forbidden.body': '必要な権限がない画面です。権限が必要な場合は、システム管理者にご相談ください。',
  'forbidden.home': 'ホームへ戻る',
  'notFound.heading': 'ページが見つかりません',
  'idle.heading': 'まもなく自動でログアウトします',
  'idle.body': '操作がないため、あと {seconds} 秒でログアウトします。作業を続ける場合は「続ける」を押してください。',
  'idle.continue': '続ける',
  'password.heading': 'パスワード変更',
  'password.current': '現在のパスワード',
  'password.new': '新しいパスワード',
  'password.rules':
    '{length} 文字以上で、英小文字・英大文字・数字・記号のうち {classes} 種類以上を含めてください。ログインIDを含めることはできません。',
  'password.again': '新しいパスワード（確認のためもう一度）',
  'password.mismatch': '新しいパスワードと、確認のために入力したものが一致しません。',
  'password.submit': '変更する',
  'password.done': 'パスワードを変更しました。',
  'firstPassword.heading': 'はじめてのログイン: パスワードを決めてください',
  'firstPassword.who': '{tenant} {name} さん',
  'firstPassword.lead':
    '受け取ったパスワードは、最初の1回のログインにだけ使えるものです。ご自身で決めたパスワードに変えると、業務の画面を使えるようになります。',
  'firstPassword.current': '受け取ったパスワード',
  'role.admin': 'システム管理者',
  'role.call_center': 'コールセンター',
  'role.ledger': 'カード管理簿担当',
  'role.viewer': '閲覧',
  'error.auth.invalid_credentials': '自治体ID、ログインID、またはパスワードが違います。',
  'error.auth.locked':
    'パスワードの誤入力が続いたため、しばらくログインできません。時間をおいてもう一度お試しください。お急ぎの場合はシステム管理者にロック解除を依頼してください。',
  // The same, with the wait the server gave (Retry-After, in minutes rounded up); see apiErrorMessage.
  'error.auth.locked.minutes':
    'パスワードの誤入力が続いたため、しばらくログインできません。約{minutes}分後にもう一度お試しください。お急ぎの場合はシステム管理者にロック解除を依頼してください。',
  'error.auth.disabled': 'このアカウントは無効になっています。システム管理者にご相談ください。',
  'error.auth.tenant_disabled': 'この自治体の利用は停止されています。運用担当者にお問い合わせください。',
  'error.auth.password_change_required': 'パスワードを変更するまで、この操作はできません。',
  'error.auth.session_expired': 'ログインの有効期限が切れました。もう一度ログインしてください。',
  'error.auth.forbidden': 'この操作を行う権限がありません。',
  'error.validation.required': '入力してください。',
  'error.validation.failed': '入力内容を確認してください。',
  'error.password.too_short': 'パスワードが短すぎます。',
  'error.password.too_long': 'パスワードが長すぎます。',
  'error.password.too_few_classes': '文字の種類が足りません。',
  'error.password.contains_login_id': 'ログインIDを含めることはできません。',
  'error.password.wrong_current': '現在のパスワードが違います。',
  'error.rate_limited': 'しばらく時間をおいてから、もう一度お試しください。',
  'error.network': 'サーバーに接続できません。ネットワークを確認して、もう一度お試しください。',
  'error.generic': 'エラーが発生しました。時間をおいてもう一度お試しください。',
  // Every problem code of the API has a text here (a test in crates/http checks it);
  // a screen may say more under its own key.
  'error.request.malformed_json': '送信した内容を読み取れませんでした。画面を再読み込みして、もう一度お試しください。',
  'error.request.unreadable': '送信した内容を読み取れませんでした。もう一度お試しください。',
  'error.request.unsupported_media_type': 'この形式のファイルは受け付けられません。',
  'error.request.method_not_allowed': 'この操作はできません。画面を読み込み直してください。',
  'error.not_found': '見つかりませんでした。画面を再読み込みしてください。',
  'error.internal': 'システムで問題が起きました。時間をおいてもう一度お試しください。',
  'error.server.busy': 'ほかの大きなファイルを処理しています。少し待ってから、もう一度送ってください。',
  'error.service.database_unavailable': 'データベースに接続できません。しばらくしてからもう一度お試しください。',
  'error.tenant.not_found': 'この自治体は見つかりませんでした。',
  'error.booking.lookup_failed': '受付番号またはパスワードが違います。',
  'error.booking.lookup_limited':
    'この受付番号は、確認の失敗が続いたため本日は予約サイトから確認できません。予約時のメールにあるリンクからなら確認できます。',
  'error.booking.hold_share_reached':
    'この日の枠は、同じ利用者がすでに上限まで仮押さえしています。仮押さえ中の枠を予約するか、解除してから選び直してください。',
  'error.booking.mail_limited':
    'このメールアドレスには、本日これ以上メールを送れません。別のメールアドレスを使うか、窓口で受け付けてください。',
  'error.booking.deadline_passed': '住民による変更・取消の期限を過ぎています。',
  'error.booking.window_not_open': 'この日の予約の受付はまだ始まっていません。',
  'error.booking.window_closed': 'この日の予約の受付は終わっています。',
  'error.booking.outside_period': 'この日は予約できる期間の外です。',
  'error.booking.not_today': '受付できるのは予約日の当日だけです。',
  'error.auth.token_missing': 'ログインしてください。',
  'error.auth.token_invalid': 'ログインの情報が正しくありません。もう一度ログインしてください。',
  'error.auth.token_expired': 'ログインの有効期限が切れました。もう一度お試しください。',
  'error.auth.token_stale': '権限が変わりました。画面を再読み込みしてください。',
  'error.settings.version_conflict': 'ほかの担当者が設定を変更しました。再読み込みしてから、もう一度保存してください。',
  'error.tenant.slug_taken': 'この自治体IDはすでに使われています。',
  'error.tenant.code_taken': 'この地方公共団体コードはすでに登録されています。',
  'error.logo.not_found': 'ロゴは登録されていません。',
  'error.mail_template.unknown_kind': 'この種類のメールはありません。',
  'error.notice.not_found': 'このお知らせは見つかりませんでした。削除された可能性があります。',
  'error.notice.changed_meanwhile': 'ほかの担当者がこのお知らせを変更しました。再読み込みしてください。',
  'error.notice.order_mismatch': 'お知らせの一覧が変わりました。再読み込みしてから並べ替えてください。',
  'error.qr.undecodable': 'QRコードの文字を読み取れませんでした。',
  'settings.counters': '窓口と予約枠',
  'settings.counters.hint': '場所、手続き、受付時間と枠、日付ごとの変更や休業日、予約の受付期間、祝日の取り込み',
  'settings.site': 'サイトとお知らせ',
  'settings.site.hint':
    '予約サイトの公開・停止、お知らせとよくある質問、メールの文面、ロゴ、ログインとパスワードの設定',
  'filePicker.choose': 'ファイルを選ぶ',
  'filePicker.none': 'ファイルが選ばれていません',
  'filePicker.many': '{first} ほか {rest} ファイル',
} as const;

export const ja = {
  ...shell,
  ...bookingsJa,
  ...counterJa,
  ...scheduleJa,
  ...siteSettingsJa,
  ...usersJa,
  ...auditJa,
  ...ledgerJa,
  ...ledgerOfficeJa,
} as const;

export type MessageKey = keyof typeof ja;
