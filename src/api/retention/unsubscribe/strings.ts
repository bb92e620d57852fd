import type { PageLocale } from "../page"

export const TOPIC_LABELS: Record<PageLocale, Record<string, string>> = {
  en: {
    cart_recovery: "reminders about items left in your cart",
    lifecycle: "welcome, thank-you and we-miss-you emails",
    nps: "feedback surveys",
    loyalty: "loyalty programme news",
    replenishment: "replenishment reminders",
  },
  tr: {
    cart_recovery: "sepetinizde kalan ürünlerle ilgili hatırlatmalar",
    lifecycle: "hoş geldiniz, teşekkür ve sizi özledik e-postaları",
    nps: "memnuniyet anketleri",
    loyalty: "sadakat programı haberleri",
    replenishment: "yenileme hatırlatmaları",
  },
}

export const STRINGS = {
  en: {
    title: "Email preferences",
    intro: (email: string, topic: string) => `Stop ${topic} to ${email}?`,
    topicButton: "Unsubscribe from these emails",
    allButton: "Unsubscribe from all marketing emails",
    doneTitle: "You are unsubscribed",
    doneTopic: (topic: string) => `You will no longer receive ${topic}.`,
    doneAll: "You will no longer receive marketing emails from us. Order and account emails still arrive.",
    invalidTitle: "This link does not work",
    invalid: "The unsubscribe link is invalid or has expired. Use the link in a more recent email, or contact the store.",
  },
  tr: {
    title: "E-posta tercihleri",
    intro: (email: string, topic: string) => `${email} adresine ${topic} gönderimi durdurulsun mu?`,
    topicButton: "Bu e-postalardan çık",
    allButton: "Tüm pazarlama e-postalarından çık",
    doneTitle: "Aboneliğiniz iptal edildi",
    doneTopic: (topic: string) => `Artık ${topic} almayacaksınız.`,
    doneAll: "Artık bizden pazarlama e-postası almayacaksınız. Sipariş ve hesap e-postaları gelmeye devam eder.",
    invalidTitle: "Bu bağlantı çalışmıyor",
    invalid: "Abonelikten çıkma bağlantısı geçersiz ya da süresi dolmuş. Daha yeni bir e-postadaki bağlantıyı kullanın veya mağazayla iletişime geçin.",
  },
} as const
