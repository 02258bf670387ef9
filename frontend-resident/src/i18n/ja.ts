// Japanese UI text, by message key. Written for residents of every age: short, plain words.
export const ja = {
  'app.title': '窓口予約',
  'app.skip': '本文へ移動',
  'app.loading': '読み込み中です…',
  'top.lead': '{name}のマイナンバーカード窓口の来庁予約です。',
  'top.preparing': 'インターネットでの予約受付は準備中です。もうしばらくお待ちください。',
  'top.phone': 'お急ぎの方は、市区町村の窓口へお問い合わせください。',
  'closed.heading': '現在、予約の受付を停止しています',
  'notFound.heading': 'ページが見つかりません',
  'notFound.body': 'アドレスに誤りがないか、お確かめください。お住まいの市区町村のホームページから、もう一度お進みください。',
  'offline.heading': 'ページを表示できませんでした',
  'offline.body': '通信状態のよい場所で、もう一度お試しください。',
  'offline.retry': 'もう一度読み込む',
  'footer.note': 'この予約サイトは、{name}が運営しています。',
} as const;

export type MessageKey = keyof typeof ja;
