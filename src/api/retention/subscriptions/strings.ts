import type { PageLocale } from "../page"

type Strings = {
  invalidTitle: string
  invalid: string
  skipTitle: string
  skipIntro: (date: string) => string
  skipButton: string
  skipDone: (next: string) => string
  pauseTitle: string
  pauseIntro: string
  pauseButton: string
  pauseDone: string
  doneTitle: string
  notPossible: (why: string) => string
  manage: string
}

export const STRINGS: Record<PageLocale, Strings> = {
  en: {
    invalidTitle: "This link has expired",
    invalid: "This link is no longer valid. You can manage your subscription from your account.",
    skipTitle: "Skip your next delivery?",
    skipIntro: (date) => `Your next subscription order is planned for ${date}. Skipping it moves your schedule on by one delivery; nothing is charged for this one.`,
    skipButton: "Skip this delivery",
    skipDone: (next) => `Done: this delivery is skipped. Your next order is planned for ${next}.`,
    pauseTitle: "Pause your subscription?",
    pauseIntro: "No orders are placed and nothing is charged while your subscription is paused. You can resume it from your account at any time.",
    pauseButton: "Pause subscription",
    pauseDone: "Done: your subscription is paused. Resume it from your account whenever you like.",
    doneTitle: "Your subscription",
    notPossible: (why) => `That was not possible: ${why}.`,
    manage: "Manage your subscription",
  },
  tr: {
    invalidTitle: "Bu bağlantının süresi doldu",
    invalid: "Bu bağlantı artık geçerli değil. Aboneliğinizi hesabınızdan yönetebilirsiniz.",
    skipTitle: "Sıradaki teslimat atlansın mı?",
    skipIntro: (date) => `Sıradaki abonelik siparişiniz ${date} tarihinde oluşturulacak. Atlarsanız takviminiz bir teslimat ileri kayar; bu teslimat için ödeme alınmaz.`,
    skipButton: "Bu teslimatı atla",
    skipDone: (next) => `Tamam: bu teslimat atlandı. Sıradaki siparişiniz ${next} tarihinde oluşturulacak.`,
    pauseTitle: "Abonelik duraklatılsın mı?",
    pauseIntro: "Aboneliğiniz duraklatıldığı sürece sipariş oluşturulmaz ve ödeme alınmaz. Hesabınızdan istediğiniz zaman devam ettirebilirsiniz.",
    pauseButton: "Aboneliği duraklat",
    pauseDone: "Tamam: aboneliğiniz duraklatıldı. Hesabınızdan istediğiniz zaman devam ettirebilirsiniz.",
    doneTitle: "Aboneliğiniz",
    notPossible: (why) => `Bu işlem yapılamadı: ${why}.`,
    manage: "Aboneliği yönet",
  },
}
