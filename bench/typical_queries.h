// Hand-written shopper queries for the sample help center (Larkspur Market): short, colloquial,
// some half-typed or with a "quoted phrase", the way people type into a help-center search box.
#pragma once

#include <array>
#include <string_view>

namespace faqsearch::bench {

struct TypicalQuery {
  std::string_view lang;
  std::string_view text;
};

inline constexpr std::array<TypicalQuery, 70> kTypicalQueries{{
    // English
    {"en", "where is my parcel"},
    {"en", "return policy"},
    {"en", "how long does a refund take"},
    {"en", "change delivery address"},
    {"en", "\"gift card\" balance"},
    {"en", "klarna instalments"},
    {"en", "headphones wont turn on"},
    {"en", "reset passw"},
    {"en", "express shipping cost"},
    {"en", "cancel my order"},
    // Polish
    {"pl", "gdzie jest moja paczka"},
    {"pl", "zwrot pieniędzy"},
    {"pl", "jak zwrócić buty"},
    {"pl", "zmiana adresu dostawy"},
    {"pl", "\"karta podarunkowa\""},
    {"pl", "reklamacja słuchawek"},
    {"pl", "koszty wysyłki"},
    {"pl", "resetowanie hasł"},
    {"pl", "anulowanie zamówienia"},
    {"pl", "paczkomat"},
    // Norwegian Bokmål
    {"nb", "hvor er pakken min"},
    {"nb", "returnere varer"},
    {"nb", "refusjon hvor lang tid"},
    {"nb", "endre leveringsadresse"},
    {"nb", "\"gavekort\" saldo"},
    {"nb", "fraktkostnader"},
    {"nb", "glemt passord"},
    {"nb", "hentested"},
    {"nb", "kansellere bestilling"},
    {"nb", "garanti reparasj"},
    // Arabic
    {"ar", "أين طلبي"},
    {"ar", "سياسة الإرجاع"},
    {"ar", "استرداد المبلغ"},
    {"ar", "تغيير عنوان التوصيل"},
    {"ar", "\"بطاقة هدية\""},
    {"ar", "تتبع الشحنة"},
    {"ar", "نسيت كلمة المرور"},
    {"ar", "تكلفة الشحن"},
    {"ar", "إلغاء الطلب"},
    {"ar", "الضمان"},
    // Japanese
    {"ja", "注文 追跡"},
    {"ja", "返品 方法"},
    {"ja", "返金 いつ"},
    {"ja", "配送先 変更"},
    {"ja", "\"ギフトカード\""},
    {"ja", "パスワード 忘れた"},
    {"ja", "送料"},
    {"ja", "保証 修理"},
    {"ja", "注文をキャンセルしたい"},
    {"ja", "荷物が届かない"},
    // Chinese (Simplified)
    {"zh-Hans", "怎么查快递"},
    {"zh-Hans", "退货 运费"},
    {"zh-Hans", "退款 多久"},
    {"zh-Hans", "修改 收货地址"},
    {"zh-Hans", "\"礼品卡\""},
    {"zh-Hans", "忘记密码"},
    {"zh-Hans", "保修"},
    {"zh-Hans", "取消订单"},
    {"zh-Hans", "支付失败"},
    {"zh-Hans", "包裹丢了"},
    // Thai
    {"th", "ติดตามพัสดุ"},
    {"th", "คืนสินค้า"},
    {"th", "คืนเงิน กี่วัน"},
    {"th", "เปลี่ยนที่อยู่จัดส่ง"},
    {"th", "\"บัตรของขวัญ\""},
    {"th", "ลืมรหัสผ่าน"},
    {"th", "ค่าจัดส่ง"},
    {"th", "ยกเลิกคำสั่งซื้อ"},
    {"th", "ชำระเงินไม่ผ่าน"},
    {"th", "พัสดุหาย"},
}};

}  // namespace faqsearch::bench
