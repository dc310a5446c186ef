import { describe, expect, it } from "vitest";
import { scoreItem } from "../../core/scoring/index";

const marked = (text: string) => scoreItem({ text, accountClass: "employee", kind: "post" }).flags.some((f) => f.rule === "conf.marker");

describe("confidentiality phrase families", () => {
  it.each([
    "للاستخدام الداخلي: جدول المناوبات", "للتداول الداخلي فقط", "خاص بموظفي وزارة الصحة فقط", "خاصة بموظفي الهيئة فقط",
    "مخصص لموظفي الإدارة العامة دون غيرهم", "لمنتسبي الديوان فقط: جدول الإجازات", "غير مخصص للنشر", "غير معد للنشر",
    "نتائج أولية - لا يُنشر", "هذا التعميم خاص بالإدارة ولا يُنشر", "مسودة – لا تنشر", "مسودة: هيكل الإدارات الجديد", "سري", "سري للغاية: أسماء المرشحين",
    "محظور النشر: تقرير اللجنة", "مرفق الكتاب، يرجى عدم نشره", "يرجى عدم تداوله خارج القسم",
    "Internal only", "INTERNAL USE ONLY", "Not for publication", "Not intended for publication", "Draft - do not share",
    "DRAFT: new allowance rules", "Embargoed until 9 am Monday", "For ministry staff only", "For official use only",
    "Memo attached. Do not forward.", "Strictly confidential: salary review", "Not for public release",
  ])("marks %s", (text) => {
    expect(marked(text)).toBe(true);
  });

  it.each([
    "نحافظ على سرية بياناتكم", "سرية المعلومات مسؤولية الجميع", "التصويت سري ومباشر", "يرجى عدم تداول الشائعات",
    "نهيب بالجميع عدم نشر الصور المتداولة للحادث", "قررت النيابة العامة حظر النشر في القضية", "القضية محظور النشر فيها",
    "لا ينشر الحساب إلا الأخبار الرسمية للوزارة", "مناقشة مسودة قانون العمل في مجلس النواب", "دورة خاصة بموظفي القطاع العام",
    "We keep your data confidential.", "Never share your password. Do not share your OTP with anyone.",
    "The draft budget was debated in parliament today", "An arms embargo was discussed at the UN", "Your code is 4471. Do not share.",
  ])("leaves %s alone", (text) => {
    expect(marked(text)).toBe(false);
  });
});
