# أنشطة من الدليل المحلي. مسودة: لم يراجعها متحدث أصلي بعد.

activities-intro = سألت عن أشياء تفعلها بالقرب منك. { $count ->
    [zero] لا توجد أنشطة.
    [one] هذا نشاط قد يناسبك.
    [two] هذان نشاطان قد يناسبانك.
    [few] هذه { $count } أنشطة قد تناسبك.
    [many] هذه { $count } نشاطًا قد تناسبك.
   *[other] هذه { $count } أنشطة قد تناسبك.
} اضغط "أخبرني المزيد"، أو "أنا مهتم" ليعرف العامل المسؤول عنك.
activities-none = لم أجد بعد نشاطًا قريبًا منك يناسب ما تحبه. سيبحث معك العامل المسؤول عنك.
activities-empty = سيساعدك العامل المسؤول عنك في العثور على أنشطة قريبة منك.
activity-from-worker = يعتقد { $name } من الفريق أن هذا قد يعجبك:
activity-card = { $name }
    { $about }
    { $ages } · { $cost }
activity-ages = { $kind ->
    [range] الأعمار من { $from } إلى { $to }
    [from] الأعمار من { $from } فما فوق
    [upto] الأعمار حتى { $to }
   *[any] كل الأعمار
}
activity-free = مجاني
activity-more-when = متى: { $when }
activity-more-cost = التكلفة: { $cost }
activity-more-where = أين: { $where }
activity-more-how = كيف تذهب: { $how }
activity-more-end = إذا أردت الذهاب، اضغط "أنا مهتم" وسيساعدك العامل المسؤول عنك.
activity-interested = رائع! أخبرت العامل المسؤول عنك أنك مهتم بـ { $name }. سيساعدك في الخطوة التالية.
activity-interested-again = العامل المسؤول عنك يعرف بالفعل أنك مهتم بـ { $name }.
activity-gone = آسف، لم أعد أجد هذا النشاط. يمكن للعامل المسؤول عنك مساعدتك في العثور على غيره.
activity-which = { $choice ->
    [interested] أي واحد يهمك؟ اضغط عليه، أو اكتب رقمه، من 1 إلى { $count }.
   *[more] عن أي واحد تريد أن تعرف المزيد؟ اضغط عليه، أو اكتب رقمه، من 1 إلى { $count }.
}
activity-no-thanks = لا بأس. يمكن للعامل المسؤول عنك أن يبحث معك عن أشياء أخرى.
btn-activity-more = أخبرني المزيد
btn-activity-interested = أنا مهتم
words-activity-more = أخبرني المزيد, اخبرني المزيد, المزيد, معلومات, تفاصيل, متى, أين, وين, كم السعر, كيف أذهب
words-activity-interested = مهتم, مهتمة, أنا مهتم, انا مهتم, أنا مهتمة, يبدو جيدا, حلو, يعجبني, أريد, اريد, بدي, سجلني, هذا
words-activity-which = الأول, الثاني, الثالث
words-activity-last = الأخير, آخر واحد
