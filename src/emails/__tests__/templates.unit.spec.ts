import Handlebars from "handlebars"
import { EmailRenderer, renderUncached } from "../renderer"
import { listTemplates, TEMPLATES, type TemplateName } from "../registry"
import { SUPPORTED_LOCALES, type Locale } from "../locales"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import { validateTemplateSource } from "../validate"
import type { EmailTemplate } from "../types"

const renderer = new EmailRenderer()
// What Handlebars puts in the HTML for a value ("=" in URLs becomes "&#x3D;", valid HTML).
const escaped = (value: string) => Handlebars.Utils.escapeExpression(value)

function renderSample(template: EmailTemplate, locale: Locale) {
  return renderer.render({
    template: template.name,
    locale,
    data: template.sampleData,
    brand: SAMPLE_BRAND,
    ...SAMPLE_LINKS,
  })
}

// Content each sample must show, in both the HTML and the text part. Formatting is
// checked per locale: a wrong Intl locale or a missing string shows up here.
const expected: Record<TemplateName, Record<Locale, string[]>> = {
  "cart-reminder": {
    en: [
      "Hi Ayşe,",
      "Linen Shirt",
      "M / Sand",
      "Qty 2",
      "€39.00",
      "€98.00",
      "Only 2 left in stock",
      "was €24.00",
      "COMEBACK10",
      "10% off your order",
      "Valid until June 30, 2030",
      "Return to your cart",
      "https://shop.example.com/retention/carts/recover?token=sample",
    ],
    tr: [
      "Merhaba Ayşe,",
      "Linen Shirt",
      "Adet: 2",
      "€39,00",
      "€98,00",
      "Stokta yalnızca 2 adet kaldı",
      "önceki fiyatı €24,00",
      "Siparişinizde %10 indirim",
      "30 Haziran 2030 tarihine kadar geçerlidir",
      "Sepetinize dönün",
      "Sepet toplamı",
    ],
  },
  "nps-survey": {
    en: [
      "How likely are you to recommend Kestrel Supply to a friend or colleague?",
      "order #1042",
      "Not at all likely",
      "Extremely likely",
      "answer?token=sample&score=0",
      "answer?token=sample&score=10",
    ],
    tr: [
      "Kestrel Supply mağazasını bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?",
      "sipariş #1042",
      "Hiç olası değil",
      "Çok olası",
      "answer?token=sample&score=10",
    ],
  },
  "loyalty-points-available": {
    en: ["120 points are now available", "1,340", "worth €13.40", "80 more points pending", "Use your points"],
    tr: ["120 puan artık kullanılabilir", "1.340", "€13,40 değerinde", "80 puan daha beklemede", "Puanlarınızı kullanın"],
  },
  "loyalty-points-expiring": {
    en: [
      "Your points are about to expire",
      "July 14, 2030",
      "300",
      "Worth €3.00 off your next order",
      "Your balance: 1,340 points",
      "Pending (not yet spendable): 120 points",
    ],
    tr: [
      "Puanlarınızın süresi doluyor",
      "Bir sonraki siparişinizde €3,00 indirim değerinde",
      "Bakiyeniz: 1.340 puan",
      "Beklemede (henüz kullanılamaz): 120 puan",
    ],
  },
  "loyalty-tier-reached": {
    en: ["You are now Silver", "1.25× points", "Earn 660 more points in the next 12 months to reach Gold"],
    tr: ["Artık Silver üyesisiniz", "Gold seviyesine ulaşmak için"],
  },
  "loyalty-points-earned": {
    en: [
      "You earned 120 points",
      // The tier this order reached, in the same email (one email per event).
      "You are now Silver",
      "This order took you to Silver: from now on every order earns 1.25× points.",
      "+120",
      // Available and pending apart, not one balance.
      "Available now",
      "1,220",
      "Pending",
      "July 14, 2030",
      "Earn 3,660 more points to reach Gold",
      "See your rewards",
    ],
    tr: [
      "120 puan kazandınız",
      "Artık Silver üyesisiniz",
      "Bu siparişle Silver seviyesine ulaştınız: bundan sonra her siparişiniz 1,25 kat puan kazandırır.",
      "Kullanılabilir",
      "1.220",
      "Beklemede",
      "14 Temmuz 2030",
      "Gold seviyesine ulaşmak için 3.660 puan daha kazanın.",
      "Ödüllerinizi görün",
    ],
  },
  "replenishment-reminder": {
    en: [
      "July 1, 2030",
      "Single-Origin Coffee Beans",
      "Paper Filters",
      "1,275.50",
      "Estimated total",
      "Manage subscription",
      "Skip this delivery",
      "subscriptions/skip?token=sample",
      "Pause subscription",
      "subscriptions/pause?token=sample",
      "You save TRY",
    ],
    tr: [
      "1 Temmuz 2030",
      "Single-Origin Coffee Beans",
      "₺1.275,50",
      "Tahmini toplam",
      "Aboneliği yönet",
      "Bu teslimatı atla",
      "Aboneliği duraklat",
      "₺131,11 tasarruf ediyorsunuz",
    ],
  },
  "replenishment-renewal-placed": {
    en: [
      "We have placed your subscription order #1043",
      "Hi Jordan,",
      "Some items were out of stock",
      "Decaf Coffee Beans (500 g / Ground)",
      "Single-Origin Coffee Beans",
      "Qty 2",
      "1,325.40",
      "Order total",
      "You saved TRY",
      "July 29, 2030",
      "Manage subscription",
      "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE",
    ],
    tr: [
      "#1043 numaralı abonelik siparişinizi oluşturduk",
      "Bazı ürünler stokta yoktu",
      "Adet: 2",
      "₺1.325,40",
      "Sipariş toplamı",
      "Aboneliğiniz sayesinde bu siparişte ₺131,11 tasarruf ettiniz.",
      "29 Temmuz 2030",
      "Aboneliği yönet",
    ],
  },
  "replenishment-payment-failed": {
    en: [
      "Your payment did not go through",
      "for your subscription order of July 1, 2030",
      "no order has been placed",
      "We will try again on July 2, 2030.",
      "Paper Filters",
      "1,325.40",
      "Update payment method",
      "sub_01JSAMPLE/payment",
      "Manage subscription",
    ],
    tr: [
      "Ödemeniz gerçekleşmedi",
      "1 Temmuz 2030 tarihli abonelik siparişiniz",
      "2 Temmuz 2030 tarihinde yeniden deneyeceğiz.",
      "₺1.325,40",
      "Ödeme yöntemini güncelle",
    ],
  },
  "replenishment-subscription-changed": {
    en: [
      "Your subscription is paused",
      "paused until August 15, 2030",
      "Items in this subscription",
      "Single-Origin Coffee Beans",
      "Qty 2",
      "Manage subscription",
      "If you did not make this change",
    ],
    tr: [
      "Aboneliğiniz duraklatıldı",
      "15 Ağustos 2030 tarihine kadar duraklatıldı",
      "Bu abonelikteki ürünler",
      "Adet: 2",
      "Aboneliği yönet",
    ],
  },
  "replenishment-items-unavailable": {
    en: [
      "Your subscription order is delayed",
      "you have not been charged",
      "We will try again on July 2, 2030.",
      "Out of stock",
      "Decaf Coffee Beans",
      "500 g / Ground",
      "Manage subscription",
    ],
    tr: [
      "Abonelik siparişiniz gecikiyor",
      "sizden ödeme alınmadı",
      "2 Temmuz 2030 tarihinde yeniden deneyeceğiz.",
      "Stokta olmayan ürünler",
      "Aboneliği yönet",
    ],
  },
  "replenishment-running-low": {
    en: [
      "Running low?",
      "June 3, 2030",
      "Single-Origin Coffee Beans",
      "Reorder now",
      "https://kestrel.example.com/retention/reorder?token=sample",
      "Save 10% with a subscription.",
      "Subscribe and never run out",
      "?subscribe=4w",
    ],
    tr: [
      "Bitmek üzere mi?",
      "3 Haziran 2030",
      "Hemen yeniden sipariş ver",
      "Abonelikle %10 tasarruf edin.",
      "Abone olun, hiç bitmesin",
    ],
  },
  "flow-welcome-1": {
    en: ["Welcome to Kestrel Supply", "Hi Ayşe,", "Canvas Tote", "€19.50", "Start shopping", "https://kestrel.example.com/store"],
    tr: ["Kestrel Supply ailesine hoş geldiniz", "Merhaba Ayşe,", "€19,50", "Alışverişe başlayın"],
  },
  "flow-welcome-2": {
    en: ["Our customers’ favourites", "Best sellers", "Stoneware Mug", "€14.00", "Shop best sellers"],
    tr: ["Müşterilerimizin favorileri", "En çok satanlar", "€14,00", "İncele"],
  },
  "flow-welcome-3": {
    en: ["A gift for your first order", "WELCOME10", "10% off your order", "Valid until June 30, 2030", "Use my code"],
    tr: ["İlk siparişinize özel hediye", "Siparişinizde %10 indirim", "30 Haziran 2030 tarihine kadar geçerlidir", "Kodumu kullan"],
  },
  "flow-post-purchase": {
    en: ["Thank you for your order", "order #1042", "View your order", "Frequently bought together", "Merino Socks", "Continue shopping"],
    tr: ["Siparişiniz için teşekkürler", "#1042 numaralı", "Birlikte sık alınanlar", "Alışverişe devam edin"],
  },
  "flow-birthday": {
    en: ["Happy birthday!", "+200", "Worth €2.00 off your next order", "BIRTHDAY15", "See your rewards"],
    tr: ["İyi ki doğdunuz!", "Bir sonraki siparişinizde €2,00 indirim değerinde", "Ödüllerinizi görün"],
  },
  "flow-win-back-1": {
    en: ["We have missed you", "since your last order on March 14, 2030", "Picked for you", "See what is new"],
    tr: ["Sizi özledik", "14 Mart 2030", "Sizin için seçtiklerimiz", "Yenilere göz atın"],
  },
  "flow-win-back-2": {
    en: ["A gift to welcome you back", "BACK15", "15% off your order", "Use my code"],
    tr: ["Dönüşünüze özel bir hediye", "Siparişinizde %15 indirim", "Kodumu kullan"],
  },
  "detractor-alert": {
    en: [
      "A customer rated you 4 out of 10",
      "Jordan Lee",
      "jordan@example.com",
      "#1042",
      "The parcel arrived a week late.",
      "View order in admin",
      "order_01JSAMPLE",
    ],
    tr: [
      "Bir müşteri size 10 üzerinden 4 puan verdi",
      "Jordan Lee",
      "Yorum",
      "Nobody answered my emails",
      "Siparişi yönetim panelinde görüntüle",
    ],
  },
  "test-message": {
    en: [
      "This is a test email from Kestrel Supply",
      "hello@kestrel.example.com",
      "June 12, 2030",
      "admin@kestrel.example.com",
    ],
    tr: [
      "Bu, Kestrel Supply mağazanızdan gönderilen bir test e-postasıdır.",
      "12 Haziran 2030",
      "Gönderen",
    ],
  },
}

const cases = TEMPLATES.flatMap((template) =>
  SUPPORTED_LOCALES.map((locale) => [template.name, locale, template] as const)
)

describe("built-in templates", () => {
  it("registers every email with kebab-case names and a known topic", () => {
    expect(listTemplates().map((template) => template.name)).toEqual([
      "cart-reminder",
      "nps-survey",
      "loyalty-points-earned",
      "loyalty-points-available",
      "loyalty-points-expiring",
      "loyalty-tier-reached",
      "replenishment-reminder",
      "replenishment-renewal-placed",
      "replenishment-payment-failed",
      "replenishment-subscription-changed",
      "replenishment-items-unavailable",
      "replenishment-running-low",
      "flow-welcome-1",
      "flow-welcome-2",
      "flow-welcome-3",
      "flow-post-purchase",
      "flow-birthday",
      "flow-win-back-1",
      "flow-win-back-2",
      "detractor-alert",
      "test-message",
    ])
    for (const template of listTemplates()) {
      expect(template.name).toMatch(/^[a-z]+(-[a-z0-9]+)*$/)
      expect([
        "cart_recovery",
        "lifecycle",
        "nps",
        "loyalty",
        "replenishment",
        "system",
      ]).toContain(template.topic)
      expect(template.description.length).toBeGreaterThan(10)
    }
  })

  it.each(cases)(
    "%s renders in %s with its sample data",
    (name, locale, template) => {
      const email = renderSample(template, locale)

      expect(email.locale).toBe(locale)
      expect(email.subject.trim().length).toBeGreaterThan(5)
      expect(email.subject).not.toMatch(/\{\{|\n/)
      expect(email.html).toMatch(/^<!doctype html>/i)
      expect(email.html).toContain(`lang="${locale}"`)
      expect(email.html).not.toContain("{{")
      expect(email.text.length).toBeGreaterThan(100)
      expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i)
      expect(email.text).not.toContain("{{")
      expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i)
      for (const content of expected[name][locale]) {
        expect(email.text).toContain(content)
        expect(email.html).toContain(escaped(content))
      }
      // The footer: postal address always, unsubscribe only on marketing mail.
      expect(email.text).toContain(
        "Moda Cad. 12, 34710 Kadıköy, İstanbul, Türkiye"
      )
      if (template.category === "marketing") {
        expect(email.html).toContain(
          `href="${escaped(SAMPLE_LINKS.unsubscribeUrl)}"`
        )
        expect(email.text).toContain(SAMPLE_LINKS.unsubscribeUrl)
      } else {
        expect(email.html).not.toContain(escaped(SAMPLE_LINKS.unsubscribeUrl))
        expect(email.text).not.toContain(SAMPLE_LINKS.unsubscribeUrl)
      }
    }
  )

  it.each(cases)("%s in %s passes validateTemplateSource", (name, locale) => {
    expect(validateTemplateSource({ templateName: name, locale })).toEqual({
      ok: true,
    })
  })

  it.each(cases)(
    "%s in %s: cached render matches a full MJML render",
    (name, locale, template) => {
      const input = {
        template: name,
        locale,
        data: template.sampleData,
        brand: SAMPLE_BRAND,
        ...SAMPLE_LINKS,
      }
      const cached = renderer.render(input)
      const uncached = renderUncached(input)
      // MJML merges adjacent Outlook conditional comments when no {{#if}} sits between them.
      const normalize = (html: string) =>
        html
          .replace(/<!\[endif\]-->\s*<!--\[if mso \| IE\]>/g, "")
          .replace(/\s+/g, " ")
          .replace(/> </g, "><")
      expect(normalize(cached.html)).toBe(normalize(uncached.html))
      expect(cached.text).toBe(uncached.text)
      expect(cached.subject).toBe(uncached.subject)
    }
  )

  it("shows Turkish characters as written, not as entities", () => {
    const template = TEMPLATES[0]
    const email = renderSample(template, "tr")
    expect(email.html).toContain("Sepetinizde ürünler kaldı")
    expect(email.subject).toBe("Ayşe, sepetiniz sizi bekliyor")
  })

  it("leaves out optional blocks when their data is absent", () => {
    const email = renderer.render({
      template: "cart-reminder",
      locale: "en",
      data: {
        currency: "usd",
        subtotal: 20,
        recoveryUrl: "https://shop.example.com/r",
        items: [{ title: "Mug", quantity: 1, unitPrice: 20, total: 20 }],
      },
      brand: { ...SAMPLE_BRAND, logoUrl: undefined },
      unsubscribeUrl: "https://shop.example.com/u",
    })
    expect(email.subject).toBe("Your cart at Kestrel Supply is waiting")
    expect(email.text).toContain("Hi there,")
    expect(email.text).toContain("$20.00")
    expect(email.text).not.toMatch(
      /off your order|Use code|left in stock|Price drop|preferences/i
    )
    expect(email.html).not.toContain("dashed")
    expect(email.html).not.toContain("<img")
    // Without a logo the header falls back to the store name.
    expect(email.text.split("\n")[0]).toBe(
      "Kestrel Supply (https://kestrel.example.com)"
    )
    expect(email.text).not.toMatch(/\n{3,}/)
  })

  it("switches the discount line between percent and amount", () => {
    const email = renderer.render({
      template: "cart-reminder",
      locale: "tr",
      data: {
        ...TEMPLATES[0].sampleData,
        currency: "try",
        discount: { code: "GERI50", amount: 50 },
      },
      brand: SAMPLE_BRAND,
      unsubscribeUrl: "https://shop.example.com/u",
    })
    expect(email.text).toContain("Siparişinizde ₺50,00 indirim")
    expect(email.text).not.toContain("tarihine kadar geçerlidir")
  })
})

describe("replenishment emails", () => {
  const render = (
    name: TemplateName,
    locale: Locale,
    patch: Record<string, unknown>
  ) => {
    const template = TEMPLATES.find((entry) => entry.name === name)
    if (!template) {
      throw new Error(`no template ${name}`)
    }
    return renderer.render({
      template: name,
      locale,
      data: { ...template.sampleData, ...patch },
      brand: SAMPLE_BRAND,
      ...SAMPLE_LINKS,
    })
  }

  it("reminder: no Pause button, savings line or image column without their data", () => {
    const email = render("replenishment-reminder", "en", {
      pauseUrl: undefined,
      discountTotal: 0,
      items: [{ title: "Paper Filters", quantity: 1, total: 95.5 }],
    })
    expect(email.text).toContain("Skip this delivery")
    expect(email.text).not.toMatch(/Pause|You save/)
    expect(email.html).not.toContain('<td width="60"')
    // The total row lines up with the item row: both have two cells.
    const rows = [...email.html.matchAll(/<tr>((?:(?!<tr)[\s\S])*?)<\/tr>/g)]
      .map((match) => match[1])
      .filter((row) => row.includes("Qty") || row.includes("Estimated total"))
    expect(rows.map((row) => (row.match(/<td/g) ?? []).length)).toEqual([2, 2])
  })

  it("renewal placed: the out-of-stock notice and savings show only with their data", () => {
    const email = render("replenishment-renewal-placed", "en", {
      unavailableItems: [],
      discountTotal: undefined,
    })
    expect(email.subject).toBe("Your subscription order #1043 has been placed")
    expect(email.text).not.toMatch(/out of stock|Decaf|You saved/)
    expect(email.html).not.toContain("#fffbeb")
    expect(email.text).toContain("Order total")
  })

  it("payment failed: a retry date promises another attempt, its absence puts the subscription on hold", () => {
    const retry = render("replenishment-payment-failed", "en", {})
    expect(retry.subject).toBe("We could not process your subscription payment")
    expect(retry.text).not.toContain("on hold")

    const final = render("replenishment-payment-failed", "en", {
      retryDate: undefined,
    })
    expect(final.subject).toBe("Action needed: your subscription is on hold")
    expect(final.text).toContain(
      "Your subscription is on hold until you update your payment method."
    )
    expect(final.text).not.toContain("try again")

    const finalTr = render("replenishment-payment-failed", "tr", {
      retryDate: undefined,
    })
    expect(finalTr.subject).toBe("İşlem gerekiyor: aboneliğiniz beklemede")
    expect(finalTr.text).toContain(
      "Ödeme yönteminizi güncelleyene kadar aboneliğiniz beklemede kalacak."
    )
    expect(finalTr.text).not.toContain("yeniden deneyeceğiz")
  })

  const headings: Record<string, Record<Locale, string>> = {
    paused: {
      en: "Your subscription is paused",
      tr: "Aboneliğiniz duraklatıldı",
    },
    resumed: {
      en: "Your subscription is active again",
      tr: "Aboneliğiniz yeniden aktif",
    },
    skipped: {
      en: "Your next delivery is skipped",
      tr: "Sıradaki teslimatınız atlandı",
    },
    canceled: {
      en: "Your subscription is canceled",
      tr: "Aboneliğiniz iptal edildi",
    },
  }
  it.each(
    Object.keys(headings).flatMap((change) =>
      SUPPORTED_LOCALES.map((locale) => [change, locale] as const)
    )
  )("subscription changed: %s (%s) shows its own heading only", (change, locale) => {
    const email = render("replenishment-subscription-changed", locale, {
      change,
    })
    expect(email.text).toContain(headings[change][locale])
    expect(email.subject.length).toBeGreaterThan(5)
    for (const [other, texts] of Object.entries(headings)) {
      if (other !== change) {
        expect(email.text).not.toContain(texts[locale])
      }
    }
  })

  it("subscription changed: dates follow the change, and an unknown change shows no other change's text", () => {
    const indefinite = render("replenishment-subscription-changed", "en", {
      change: "paused",
      pausedUntil: undefined,
    })
    expect(indefinite.text).toContain("until you resume it")
    expect(indefinite.text).not.toContain("August 15, 2030")

    const skipped = render("replenishment-subscription-changed", "tr", {
      change: "skipped",
    })
    expect(skipped.text).toContain(
      "bir sonraki siparişiniz 15 Ağustos 2030 tarihinde oluşturulacak"
    )

    const canceled = render("replenishment-subscription-changed", "en", {
      change: "canceled",
    })
    expect(canceled.text).toContain("View subscription")
    expect(canceled.text).not.toContain("August 15, 2030")

    const unknown = render("replenishment-subscription-changed", "en", {
      change: "archived",
    })
    for (const texts of Object.values(headings)) {
      expect(unknown.text).not.toContain(texts.en)
    }
  })

  it("items unavailable: skipped names the next renewal, postponed the next attempt", () => {
    const skipped = render("replenishment-items-unavailable", "en", {
      skipped: true,
      postponedUntil: undefined,
    })
    expect(skipped.subject).toBe("We skipped your subscription delivery")
    expect(skipped.text).toContain(
      "Your next order will be placed on July 29, 2030."
    )
    expect(skipped.text).not.toContain("try again")

    const skippedTr = render("replenishment-items-unavailable", "tr", {
      skipped: true,
    })
    expect(skippedTr.subject).toBe("Abonelik teslimatınızı atladık")
    expect(skippedTr.text).toContain("29 Temmuz 2030 tarihinde oluşturulacak")

    const postponed = render("replenishment-items-unavailable", "en", {})
    expect(postponed.subject).toBe("Your subscription order is delayed")
    expect(postponed.text).not.toContain("July 29, 2030")
  })

  it("running low: the subscribe offer needs a subscribe link, the saving a percentage", () => {
    const full = render("replenishment-running-low", "en", {})
    expect(full.subject).toBe(
      "Jordan, running low on Single-Origin Coffee Beans?"
    )

    const noOffer = render("replenishment-running-low", "en", {
      subscribeUrl: undefined,
    })
    expect(noOffer.text).toContain("Reorder now")
    expect(noOffer.text).not.toMatch(/Subscribe and never run out|Save 10%/)

    const noDiscount = render("replenishment-running-low", "tr", {
      discountPercent: undefined,
    })
    expect(noDiscount.text).toContain("Abone olun, hiç bitmesin")
    expect(noDiscount.text).not.toContain("%10")

    const anonymous = render("replenishment-running-low", "tr", {
      customerName: undefined,
    })
    expect(anonymous.subject).toBe("Single-Origin Coffee Beans bitmek üzere mi?")
  })
})
