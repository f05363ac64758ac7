### مسودة: لم يراجعها متحدث أصلي. (Draft translation, not yet reviewed by a native speaker.)
### Words linkup itself uses: re-asks, notes and the keywords it listens for.

reask-choose-button = عذرا، لم أفهم ذلك. يمكنك الضغط على زر، أو كتابة إجابتك بطريقة أخرى.
reask-old-button = هذا الزر من سؤال سابق. هذا هو السؤال الذي وصلنا إليه الآن.
reask-pick-at-least = { $min ->
    [zero] الرجاء اختيار ما يناسبك، ثم الضغط على «تم».
    [one] الرجاء اختيار خيار واحد على الأقل، ثم الضغط على «تم».
    [two] الرجاء اختيار خيارين على الأقل، ثم الضغط على «تم».
    [few] الرجاء اختيار { $min } خيارات على الأقل، ثم الضغط على «تم».
    [many] الرجاء اختيار { $min } خيارا على الأقل، ثم الضغط على «تم».
   *[other] الرجاء اختيار { $min } خيار على الأقل، ثم الضغط على «تم».
}
reask-scale = الرجاء اختيار رقم من { $min } إلى { $max }.
back-at-start = هذا هو السؤال الأول، لذلك لا يوجد سؤال سابق للرجوع إليه.
restarting = حسنا، لنبدأ من جديد.
welcome-back = أهلا بعودتك! لنكمل من حيث توقفنا.
unknown-command = عذرا، لا أعرف هذا الأمر. يمكنك كتابة «مساعدة» لمعرفة ما يمكنك فعله.
reask-text-empty = لم يصلني شيء. الرجاء المحاولة مرة أخرى.
reask-text-too-long = هذا طويل قليلا بالنسبة لي. هل يمكنك كتابته بشكل أقصر؟ عدد الحروف المسموح به هو { $max } أو أقل.
reask-needs-words = لا أستطيع قراءة الإيموجي جيدا. هل يمكنك الكتابة بالكلمات؟
reask-area = عذرا، لم أفهم ذلك. يمكنك كتابة الجزء الأول من الرمز البريدي، مثل M14. أو كتابة اسم مدرستك أو كليتك.
reask-area-address = الرجاء عدم إرسال عنوان منزلك. الجزء الأول من الرمز البريدي يكفي، مثل M14. أو اسم مدرستك أو كليتك.
note-area-district = شكرا. أحتاج فقط إلى { $district }، لذلك هذا كل ما احتفظت به.
reask-phone = لا يبدو أن هذا رقم هاتف بريطاني. الرجاء المحاولة مرة أخرى، مثل 07700 900123.
reask-mobile = لا يبدو أن هذا رقم موبايل بريطاني. أرقام الموبايل تبدأ بـ 07، مثل 07700 900123.

# Comma-separated words that work at any question. Not "help me" (ساعدني): that can be a cry
# for help, and must reach the safety check as words.
keywords-back = رجوع, الرجوع, ارجع, إرجع, السابق, السؤال السابق, رجعني, erja3, rujoo3
keywords-restart = من جديد, ابدأ من جديد, ابدا من جديد, البدء من جديد, نبدأ من جديد, نبدا من جديد, من البداية, من الأول, من الاول, إعادة, اعادة, men jdeed, min el awal
keywords-help = مساعدة, مساعده, المساعدة, كيف يعمل هذا, كيف يشتغل, ماذا أفعل, ماذا افعل, شو اعمل, ايش اسوي, اعمل ايه, musa3ada, mosa3da
keywords-person = التحدث مع شخص, التكلم مع شخص, اتكلم مع شخص, أتكلم مع شخص, احكي مع شخص, احكي مع حدا, اتكلم مع حد, ابي اكلم احد, ابغى اكلم احد, شخص حقيقي, انسان حقيقي, إنسان حقيقي, انسان, إنسان

# Words for reading answers typed instead of tapped (comma-separated, any case). A button's own
# other names are its `.also` attribute, next to its label (see questions.ftl).
words-yes = نعم, اه, آه, ايوه, أيوه, ايوة, ايوا, إيوه, ايه, إيه, اي, إي, أكيد, اكيد, طبعا, بالتأكيد, بالتاكيد, موافق, موافقة, صح, اوكي, أوكي, اوك, اوكيه, حسنا, تمام, ماشي, ماشي الحال, طيب, يلا, يالله, يللا, زين, عادي, مافي مشكلة, ما في مشكلة, ان شاء الله, إن شاء الله, من فضلك, لو سمحت, aywa, aiwa, na3am, akid, akeed, tamam, mashi, yalla, 👍, 👌, ✅
# Of the yes words, those that are only a loose yes: a question about what cannot be undone
# (`careful = true`, such as /delete) asks again rather than take them.
words-loose-yes = اوكي, أوكي, اوك, اوكيه, حسنا, تمام, ماشي, ماشي الحال, طيب, يلا, يالله, يللا, زين, عادي, مافي مشكلة, ما في مشكلة, ان شاء الله, إن شاء الله, من فضلك, لو سمحت, tamam, mashi, yalla, 👍, 👌
words-no = لا, لأ, لاء, كلا, لا شكرا, لا ما بدي, ما بدي, مابدي, مش عايز, مش عايزة, مش عاوز, ما ابي, ما ابغى, مش حابب, مش حابة, لا أبدا, لا ابدا, مش كتير, مو كثير, ليس حقا, la, la2, laa, la2a, 👎, ❌
words-done = تم, خلاص, خلص, خلصت, انتهيت, بس, بس هيك, بس كذا, بس كده, هيك بس, كذا بس, كده بس, هذا كل شيء, هذا كل شي, لا شيء آخر, لا شي ثاني, ما في شي ثاني, مافي شي ثاني, مافي غيره, ولا شي, لا شيء, لا شي, كفاية, كفى, التالي, اللي بعده, khalas, 5alas, bas, tam
words-filler = يعني, ام, امم, ممم, همم, هممم, مثلا, اظن, أظن, اعتقد, أعتقد, يمكن, ربما, تقريبا, حوالي, حوالى, انا, أنا, والله, صراحة, بصراحة, بصراحه, بجد, هو, هي, من فضلك, لو سمحت, شكرا, مرسي, يا, ههه, هههه, ya3ni
words-numbers = صفر, واحد, اثنان, ثلاثة, أربعة, خمسة, ستة, سبعة, ثمانية, تسعة, عشرة, أحد عشر, اثنا عشر, ثلاثة عشر, أربعة عشر, خمسة عشر, ستة عشر, سبعة عشر, ثمانية عشر, تسعة عشر, عشرون, واحد وعشرون, اثنان وعشرون, ثلاثة وعشرون, أربعة وعشرون, خمسة وعشرون
words-age = عمري, انا, أنا, عندي, سنة, سنه, سنين, سنوات, عام, أعوام, اعوام, عمر, العمر, تقريبا, حوالي, قريبا, صرت, بلغت, راح اصير, رح صير, هصير, من, إلى, الى, حتى, لين, لحد, في, المدرسة, مدرسة
words-under = أقل من, اقل من, تحت, أصغر من, اصغر من, دون
words-over = أكثر من, اكثر من, فوق, أكبر من, اكبر من
words-and = و, أو, او, كمان, كذلك, أيضا, ايضا, مع, بالإضافة, بالاضافة, زائد, &, +
words-school-year = الصف, صف
did-you-mean = هل هذا ما قصدته؟ إذا كان كذلك، يمكنك الضغط عليه.
guess-not-that = حسنا. يمكنك الضغط على زر، أو كتابتها بطريقة أخرى.
btn-guess-no = لا، شيء آخر
btn-guess-keep = لا، احتفظ بما كتبته
btn-cmd-back = رجوع
btn-cmd-restart = البدء من جديد
btn-cmd-help = مساعدة
btn-cmd-person = التحدث مع شخص

# After the hand-off: what help, "talk to a person", "back" and "start again" mean then.
handed-off-help =
    لدى مرشد الدعم ما أخبرتني به. كل رسالة هنا تصل إليه. إذا كنت في خطر الآن، اتصل بالرقم 999.

    يمكنك كتابة هذه في أي وقت:
    { $commands }
handed-off-person = أنت الآن مع فريق مرشدي الدعم. يمكنك كتابة رسالتك هنا وسيرونها. رقمك المرجعي هو { $reference }.
handed-off-back = أرسلت إجاباتك إلى مرشد الدعم، لذلك لا أستطيع الرجوع أو البدء من جديد. إذا تغير شيء، يمكنك إخباري هنا وسيراه مرشد الدعم.

media-not-read = عذرا، أستطيع قراءة النصوص والأزرار فقط. هل يمكنك كتابتها بدلا من ذلك؟
command-not-yet = عذرا، لا أستطيع فعل ذلك بعد. مرشد الدعم يمكنه المساعدة: يمكنك كتابة «التحدث مع شخص».

# Data rights: /delete and /stop.
privacy-delete-ask = هل أحذف كل ما أخبرت به linkup؟ لا يمكن التراجع عن ذلك. سيرى مرشد الدعم أنك طلبت الحذف، لكنه لن يرى ما قلته.
btn-delete-yes = نعم، احذف كل شيء
btn-delete-no = لا، احتفظ به
privacy-deleted = تم. حذفت ما أخبرت به linkup. تطبيق Telegram يحتفظ بنسخته الخاصة من هذه المحادثة. يمكنك مسحها من التطبيق. إذا احتجت إلى مساعدة، اتصل بخط Childline على 0800 1111.
privacy-kept = حسنا، لن أحذف أي شيء.
privacy-paused = حسنا، أوقفت كل شيء مؤقتا. لن أرسل لك أي رسائل حتى تصلني رسالة منك.

# Data rights: /mydata and taking back consent.
mydata-summary = هذا ما لدى linkup عنك:
    • الرقم المرجعي: { $reference }
    • الاسم: { $name }
    • العمر: { $age }
    • المنطقة: { $area }
    • طريقة التواصل معك: { $contact }
    • الهاتف: { $phone }
    • { $shared ->
        [asked-early] طلبت مني إرساله إلى مرشد الدعم مبكرا، لذلك لم أسألك إن كان ذلك مناسبا.
        [safeguarding] أرسلته إلى مرشد الدعم حتى أساعد في حمايتك، لذلك لم أسألك إن كان ذلك مناسبا.
       *[other] وافقت على المشاركة بتاريخ: { $consent }
    }
    • الرسائل المحفوظة: { $messages }
    • إجابات أسئلة الشعور: { $scores }
    الملف التالي فيه كل ذلك.
mydata-nothing = حتى الآن لدي محادثتنا فقط (عدد الرسائل: { $messages }). الملف التالي فيه كل ذلك.
mydata-file = هذا كل شيء في ملف واحد.
btn-withdraw = سحب موافقتي
btn-delete = حذف بياناتي
consent-withdraw-ask = هل تريد سحب موافقتك على المشاركة؟ سيتوقف مرشد الدعم عن التواصل معك، وسيغلق ملفك. ما أخبرتنا به يبقى محفوظا إلى أن تحذفه.
btn-withdraw-yes = نعم، اسحب موافقتي
btn-withdraw-no = لا، احتفظ بها
consent-withdrawn = تم. تم إغلاق ملفك، ولن يتواصل معك أي مرشد دعم. يمكنك أيضا حذف ما أخبرتنا به.
consent-kept = حسنا، لم يتغير شيء.

# The menu (/menu). While a link worker is in contact, /menu gives the bot back.
menu = ما الذي يمكنني فعله لك؟
data-rights-help = يمكنك الضغط على زر، أو كتابة إجابتك. لن يحذف أي شيء إلا إذا قلت نعم. إذا كنت في خطر الآن، اتصل بالرقم 999.
btn-menu-worker = التحدث مع مرشد الدعم
btn-menu-carry = لنكمل
btn-menu-mydata = عرض بياناتي
btn-menu-stop = إيقاف الرسائل مؤقتا
menu-worker-back = حسنا. رسائلك تذهب إلى { $worker } مرة أخرى.

# A link worker's message, with their first name.
contact-from-worker = رسالة من { $name } (مرشد الدعم الخاص بك):
    { $text }

## Check-ins (after the hand-off). The reminder shows on a lock screen: keep it neutral.
checkin-reminder = مرحبا، هنا linkup. هل لديك دقيقة لأسئلة قصيرة عن حالك؟
btn-checkin-now = نعم، لنبدأ
btn-checkin-later = ليس الآن
btn-checkin-stop = إيقاف رسائل الاطمئنان
btn-checkin-chart = عرض الرسم البياني
checkin-progress = السؤال { $question } من { $questions }
checkin-help = يمكنك الضغط على الإجابة المناسبة لك، أو كتابتها. يمكنك كتابة «رجوع» لتغيير إجابتك الأخيرة. مرشد الدعم يرى إجاباتك. إذا كنت في خطر الآن، اتصل بالرقم 999.
checkin-done = شكرا! انتهت أسئلة الاطمئنان. مرشد الدعم يستطيع رؤية إجاباتك.
checkin-snoozed = حسنا. سنسأل مرة أخرى غدا.
checkin-stopped = حسنا. لن نرسل رسائل الاطمئنان بعد الآن. يمكنك دائما إرسال /checkin في أي وقت.
checkin-no-case = تبدأ رسائل الاطمئنان بعد إرسال معلوماتك إلى مرشد الدعم. يمكنك إرسال /start للبدء.
checkin-not-for-age = عذرا، رسائل الاطمئنان غير متاحة لفئتك العمرية. لكن مرشد الدعم ما زال يستطيع مساعدتك.
checkin-ended = انتهت أسئلة الاطمئنان هذه. هل نبدأ أسئلة جديدة؟
checkin-chart = هكذا تغيرت إجاباتك مع الوقت.
checkin-chart-nothing = لا توجد إجابات لعرضها بعد. ستظهر هنا بعد أول أسئلة اطمئنان.
chart-title = كيف كانت أحوالك
chart-note-higher = الرقم الأعلى أفضل.
chart-note-lower = الرقم الأعلى أفضل. لكن في { $items }، الرقم الأقل أفضل.
chart-life = الحياة
chart-worthwhile = الشعور بالقيمة
chart-happy = السعادة
chart-anxious = القلق

# The commands (/name), as a chat app's menu and the help text list them. Short: a menu line.
cmd-start = البدء، أو المتابعة من حيث توقفت
cmd-help = كيف يعمل هذا
cmd-checkin = أسئلة سريعة عن حالك
cmd-mydata = رؤية ما يحتفظ به linkup عنك
cmd-delete = حذف ما يحتفظ به linkup عنك
cmd-stop = إيقاف كل الرسائل مؤقتا
cmd-language = تغيير اللغة
cmd-menu = عرض القائمة
cmd-back = الرجوع إلى السؤال السابق
cmd-restart = البدء من جديد
cmd-person = التحدث مع شخص

# The web chat's page.
web-title = linkup
web-intro = مرحبا! هذا linkup. يمكنك أن تخبرنا بما يهمك، ومرشد الدعم يمكنه مساعدتك في إيجاد أنشطة وأشخاص للحديث معهم. الخدمة مجانية، ولا حاجة إلى حساب. إذا كنت في خطر الآن، اتصل بالرقم 999.
web-start = البدء
web-exit = الخروج بسرعة
web-exit-hint = يمكنك الضغط على «الخروج بسرعة» أو على زر Esc ثلاث مرات لمغادرة هذه الصفحة بسرعة.
web-type = اكتب رسالتك
web-send = إرسال
web-you = أنت
web-bot = linkup
web-worker = مرشد الدعم
web-too-long = هذه الرسالة طويلة جدا. الرجاء جعلها أقصر وإرسالها مرة أخرى.
web-too-fast = الرسائل تصل بسرعة كبيرة. الرجاء الانتظار لحظة، ثم المحاولة مرة أخرى. رسالتك ما زالت هنا.
web-expired = كانت هذه الصفحة مفتوحة لوقت طويل. رسالتك ما زالت هنا: الرجاء إرسالها مرة أخرى.
web-wrong-site = هذه الرسالة لم تأت من صفحة linkup، لذلك لم يتم إرسالها. الرجاء فتح المحادثة من جديد والإرسال من هناك.
web-deleted = تم. حذفنا كل ما كان لدى linkup عنك. يمكنك إغلاق هذه الصفحة.
web-code-title = رمز العودة الخاص بك
web-code-text = يمكنك كتابته على ورقة أو أخذ لقطة شاشة. لقراءة ردود مرشد الدعم على هاتف أو كمبيوتر آخر، يمكنك فتح هذه الصفحة هناك وكتابة الرمز. يجب أن يبقى الرمز سرا: أي شخص لديه الرمز يستطيع قراءة هذه المحادثة.
web-return-label = هل كنت هنا من قبل؟ اكتب رمز العودة
web-return-button = متابعة
web-code-wrong = هذا الرمز لم ينجح. الرجاء التحقق منه والمحاولة مرة أخرى.
web-download = تنزيل الملف

## Languages (/language). language-name is this language's own name: it is shown on its button
## to everyone, whatever language they use. Its .also lists other names people type for it.
language-name = العربية
    .also = العربية, عربي, عربى, arabic, arabi, 3arabi, عربية, عربيه, العربيه, اللغة العربية, اللغه العربيه, بالعربي, بالعربية, بالعربى, عربي من فضلك, bel 3arabi, 3arabe, araby
language-ask = بأي لغة أكتب لك؟
language-help = يمكنك الضغط على لغة، أو كتابة اسمها.
language-set = حسنا. من الآن سأكتب لك بالعربية. يمكنك تغيير ذلك في أي وقت عبر /language.
