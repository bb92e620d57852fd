import type { PageLocale } from "../page"

export const NPS_STRINGS = {
  en: {
    thanksTitle: "Thank you for your feedback",
    thanks: (score: number) => `We recorded your score of ${score} out of 10.`,
    changeTo: (score: number) => `Change my score to ${score}`,
    commentPlaceholder: "Your comment (optional)",
    send: "Send comment",
    review: "Glad you liked it! Would you share that in a public review?",
    reviewButton: "Write a review",
    savedTitle: "Thank you",
    saved: "Your answer is saved.",
    invalidTitle: "This link does not work",
    invalid: "The survey link is invalid or has expired.",
    badScore: "score: must be a whole number from 0 to 10.",
    closedTitle: "This survey is closed",
    closed: "This survey can no longer be answered.",
  },
  tr: {
    thanksTitle: "Geri bildiriminiz için teşekkürler",
    thanks: (score: number) => `10 üzerinden ${score} puanınızı kaydettik.`,
    changeTo: (score: number) => `Puanımı ${score} olarak değiştir`,
    commentPlaceholder: "Yorumunuz (isteğe bağlı)",
    send: "Yorumu gönder",
    review: "Beğenmenize sevindik! Bunu herkese açık bir değerlendirmede paylaşır mısınız?",
    reviewButton: "Değerlendirme yaz",
    savedTitle: "Teşekkürler",
    saved: "Yanıtınız kaydedildi.",
    invalidTitle: "Bu bağlantı çalışmıyor",
    invalid: "Anket bağlantısı geçersiz ya da süresi dolmuş.",
    badScore: "score: 0 ile 10 arasında bir tam sayı olmalı.",
    closedTitle: "Bu anket kapandı",
    closed: "Bu anket artık yanıtlanamaz.",
  },
} satisfies Record<PageLocale, Record<string, unknown>>

export const COMMENT_MAX = 2000
