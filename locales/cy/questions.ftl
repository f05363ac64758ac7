### Drafft: heb ei adolygu gan siaradwr Cymraeg. (Draft translation, not yet reviewed by a native speaker.)
### The questions, their buttons, the summary and the hand-off.

name-ask = Beth hoffet ti i mi dy alw di? Gelli di hepgor hyn.
btn-skip = Hepgor
    .also = na, dim byd, hepgor hyn, neidio, sgipio, pasio, well gen i beidio, gwell gen i beidio, na diolch, dim diolch, dim eisiau, dim isio, ddim isie, dim ots, sdim ots, dwi ddim am ddweud, ddim am ddweud

area-ask = Ble rwyt ti'n byw, neu'n mynd i'r ysgol? Dim ond syniad bras sydd ei angen arna i, nid dy gyfeiriad.
area-ask-how = Teipia ran gyntaf dy god post, fel M14 neu SW1A. Neu teipia enw dy ysgol neu dy goleg.

topics-ask = Beth sydd ar dy feddwl ar hyn o bryd? Tapia bob un sy'n dy siwtio, yna tapia Gorffen.
topic-school = Ysgol neu goleg
    .also = ysgol, coleg, prifysgol, arholiadau, arholiad, gwaith cartref, athrawon, athro, athrawes, chweched dosbarth, chweched, gwersi, tgau, lefel a, safon uwch
topic-friends = Ffrindiau
    .also = ffrindie, ffrindia, ffrind, fy ffrindiau, ffrindiau fi, cyfeillion, ffrae, ffraeo, cweryla, cwympo mas, syrthio allan
topic-family = Teulu
    .also = mam, tad, rhieni, fy mam, fy nhad, fy rhieni, mam fi, dad fi, brawd, chwaer, brodyr, chwiorydd, llystad, llysfam, adref, adra, bywyd cartref, teulu fi
topic-lonely = Teimlo'n unig
    .also = unig, unigrwydd, teimlo n unig, teimlon unig, ar ben fy hun, ar fy mhen fy hun, dim ffrindiau, ynysig
topic-worried-low = Poeni neu deimlo'n isel
    .also = poeni, pryder, pryderus, gorbryder, isel, trist, digalon, straen, dan straen, iselder, iechyd meddwl, teimlo n isel, teimlon isel, teimlo n drist, nerfus, ofn
topic-anger = Dicter
    .also = grac, crac, blin, gwyllt, gwylltio, tymer, colli fy nhymer, colli tymer, dig, cynddeiriog
topic-sleep = Cwsg
    .also = cysgu, methu cysgu, ffaelu cysgu, wedi blino, blinedig, dim cwsg, hunllefau, anhunedd
topic-money = Arian
    .also = pres, dim arian, dim pres, heb arian, dyled, dyledion, biliau, talu am bethau, arian poced
topic-housing = Tai
    .also = tŷ, ty, fflat, symud tŷ, symud ty, lle dw i n byw, lle dwin byw, rhent, lle i fyw, cartref, digartref
topic-bullied = Cael fy mwlio
    .also = bwlio, bwli, bwlis, cael fy mwlio, pigo arna i, pigo arnaf, pobl yn pigo arna i
topic-other = Rhywbeth arall
    .also = rhywbeth arall, rhwbeth arall, arall, rhywbeth gwahanol, pethau eraill
btn-done = Gorffen ✅

what-matters-ask = Beth sy'n bwysig i ti ar hyn o bryd? Dywed wrtha i yn dy eiriau dy hun. Mae ychydig eiriau'n iawn.

interests-ask = Beth wyt ti'n hoffi ei wneud, neu eisiau rhoi cynnig arno? Tapia bob un sy'n dy siwtio, yna tapia Gorffen.
interest-sport = Chwaraeon
    .also = chwaraeon, pêl-droed, pêl droed, pel droed, pel-droed, pêl-fasged, pel fasged, pêl-rwyd, pel rwyd, rygbi, criced, tenis, nofio, campfa, bocsio, rhedeg, athletau, hoci, crefft ymladd, sglefrio, sglefrfyrddio, beicio, seiclo
interest-music = Cerddoriaeth
    .also = cerddoriaeth, miwsig, canu, gitâr, gitar, drymiau, rapio, grŵp, grwp, creu cerddoriaeth, gwneud cerddoriaeth, côr, cor, telyn
interest-art = Celf a chreu
    .also = celf, arlunio, tynnu lluniau, peintio, paentio, crefftau, creu pethau, gwneud pethau, ffotograffiaeth, braslunio, dylunio, gwnïo, gwnio, gweu, gwau
interest-gaming = Gemau
    .also = gemau, gêmau, gemau fideo, gemio, chwarae gemau, gemau cyfrifiadur
interest-nature = Natur a'r awyr agored
    .also = natur, awyr agored, yr awyr agored, cerdded, heicio, gwersylla, pysgota, garddio, bod tu allan, bod tu fas, tu allan
interest-animals = Anifeiliaid
    .also = anifeiliaid, ci, cath, cŵn, cwn, cathod, ceffylau, anifeiliaid anwes, fy nghi, fy nghath, marchogaeth, reidio ceffylau
interest-cooking = Coginio
    .also = coginio, pobi, bwyd, gwneud bwyd, gwneud cacennau
interest-drama = Drama
    .also = actio, theatr, dawns, dawnsio, perfformio, sioe gerdd, sioeau cerdd, eisteddfod
interest-volunteering = Gwirfoddoli
    .also = gwirfoddoli, gwirfoddolwr, helpu, helpu pobl, elusen, rhoi help
interest-tech = Technoleg
    .also = technoleg, codio, cyfrifiaduron, rhaglennu, creu apiau, gwneud apiau, robotiaid, electroneg
interest-reading-writing = Darllen ac ysgrifennu
    .also = llyfrau, darllen, ysgrifennu, sgwennu, barddoniaeth, straeon, cerddi
interest-faith-culture = Grwpiau ffydd neu ddiwylliant
    .also = eglwys, capel, mosg, teml, synagog, ffydd, crefydd, diwylliant, ysgol sul, urdd
interest-other = Rhywbeth arall
    .also = rhywbeth arall, rhwbeth arall, arall

wellbeing-intro = Nawr, rhai cwestiynau sydyn am sut rwyt ti'n teimlo. Does dim atebion cywir nac anghywir. Dewisa rif o 0 i 10.
# The four ONS questions keep the ONS wording, so scores can be compared.
# Welsh wording as in the Welsh-language ONS / National Survey for Wales questions (which use "chi"):
# to be checked against the official Welsh questionnaire.
ons-life = Ar y cyfan, pa mor fodlon ydych chi â'ch bywyd y dyddiau hyn? Mae 0 yn golygu ddim o gwbl. Mae 10 yn golygu yn llwyr.
ons-worthwhile = Ar y cyfan, i ba raddau ydych chi'n teimlo bod y pethau rydych chi'n eu gwneud yn eich bywyd yn werth chweil? Mae 0 yn golygu ddim o gwbl. Mae 10 yn golygu yn llwyr.
ons-happy = Ar y cyfan, pa mor hapus oeddech chi'n teimlo ddoe? Mae 0 yn golygu ddim o gwbl. Mae 10 yn golygu yn llwyr.
ons-anxious = Ar y cyfan, pa mor bryderus oeddech chi'n teimlo ddoe? Mae 0 yn golygu ddim yn bryderus o gwbl. Mae 10 yn golygu yn gwbl bryderus.
# For under-16s: the same two ONS items, in words for their age.
young-life = Sut rwyt ti'n teimlo am dy fywyd ar hyn o bryd? Mae 0 yn golygu'r gwaethaf y gallai fod. Mae 10 yn golygu'r gorau y gallai fod.
young-happy = Pa mor hapus oeddet ti'n teimlo ddoe? Mae 0 yn golygu ddim yn hapus o gwbl. Mae 10 yn golygu hapus iawn.

help-ask = Beth fyddai'n dy helpu di fwyaf? Tapia bob un sy'n dy siwtio, yna tapia Gorffen.
help-talk = Siarad â gweithiwr cyswllt
    .also = siarad, sgwrs, cael sgwrs, rhywun i siarad â nhw, rhywun i siarad a nhw, rhywun i siarad efo, siarad gyda rhywun, siarad efo rhywun, siarad â rhywun, siarad a rhywun
help-activities = Dod o hyd i bethau i'w gwneud yn agos ata i
    .also = gweithgareddau, gweithgaredd, pethau i wneud, pethau i neud, pethau iw gwneud, clybiau, clwb, grwpiau, grŵp, grwp
help-practical = Help gyda rhywbeth ymarferol
    .also = ymarferol, help ymarferol, help gyda rhywbeth, help efo rhywbeth, sortio pethau, datrys pethau
help-not-sure = Ddim yn siŵr
    .also = ddim yn siwr, ddim yn siŵr, dim yn siwr, dim syniad, dwn im, dwnim, dwn i ddim, wn i ddim, sai n gwybod, sai gwybod, sa i n gwybod, dwi ddim yn gwybod, dw i ddim yn gwybod, ansicr, sgen i ddim syniad

contact-method-ask = Sut hoffet ti i weithiwr cyswllt gysylltu â ti?
contact-chat = Yn y sgwrs hon
    .also = sgwrs, yma, fan hyn, yn fan hyn, y sgwrs hon, y sgwrs yma, neges, negeseuon, ar lein, arlein, ar-lein, anfon neges, neges ata i
contact-phone = Galwad ffôn
    .also = galwad, galwad ffon, ffôn, ffon, ffonio, ffonia fi, ffonio fi, galw fi, galwad ffôn
contact-text = Neges destun
    .also = tecst, tecstio, tecstia fi, tecst fi, neges destun, negeseuon testun, testun
phone-call-ask = Pa rif ddylen nhw ei ffonio? Mae angen iddo fod yn rhif yn y DU, fel 07700 900123.
phone-text-ask = Pa rif ffôn symudol ddylen nhw anfon neges destun ato? Mae angen iddo fod yn rhif symudol yn y DU, fel 07700 900123.
contact-times-ask = Pryd mae'n amser da i gysylltu? Tapia bob un sy'n dy siwtio, yna tapia Gorffen.
time-mornings = Boreau
    .also = bore, boreau, yn y bore, cyn ysgol, cyn yr ysgol, yn gynnar, cynnar
time-afternoons = Prynhawniau
    .also = prynhawn, pnawn, prynhawniau, yn y prynhawn, ar ôl ysgol, ar ol ysgol, ar ôl coleg, ar ol coleg, amser cinio
time-evenings = Gyda'r nos
    .also = nos, noson, nosweithiau, gyda r nos, gydar nos, yn y nos, min nos, ar ôl gwaith, ar ol gwaith, amser te, hwyr, yn hwyr

checkins-ask = Gawn ni anfon neges atat ti o bryd i'w gilydd i weld sut rwyt ti? Mae'n ychydig o gwestiynau sydyn. Gelli di eu stopio nhw unrhyw bryd.
btn-checkins-yes = Ie, plis
btn-checkins-no = Dim diolch

summary-intro = Diolch. Dyma beth ddywedaist ti wrtha i:
summary-consent = Ga i anfon hwn at weithiwr cyswllt? Dim ond tîm y gweithwyr cyswllt fydd yn ei weld.
summary-name = Enw
summary-age = Oed
summary-area = Ardal
summary-topics = Ar dy feddwl
summary-what-matters = Beth sy'n bwysig
summary-interests = Hoffi
summary-help = Beth fyddai'n helpu
summary-contact = Cysylltu
summary-phone = Rhif
summary-times = Amseroedd da
summary-checkins = Gwiriadau
summary-nothing = (heb ei roi)
btn-yes-send = Cei, anfona fe
btn-start-again = Dechrau eto
    .also = dechrau o newydd, dechrau drosodd, ailddechrau, gwneud eto, neud eto
btn-dont-send = Paid ag anfon
    .also = na, paid, na paid, paid anfon, paid a anfon, paid ag anfon fe, na chei, chei di ddim

handoff-done = Wedi'i wneud! 🎉 Dw i wedi anfon hwn at weithiwr cyswllt. Dy gyfeirnod di yw { $reference }.
handoff-next = Bydd gweithiwr cyswllt yn cysylltu â ti o fewn { $response_days ->
    [zero] { $response_days } diwrnod gwaith.
    [one] 1 diwrnod gwaith.
    [two] 2 ddiwrnod gwaith.
    [few] { $response_days } diwrnod gwaith.
    [many] { $response_days } diwrnod gwaith.
   *[other] { $response_days } diwrnod gwaith.
} Os oes angen help arnat ti cyn hynny, ffonia Childline ar 0800 1111 neu tecstia SHOUT i 85258. Mewn argyfwng, ffonia 999.
not-sent = Iawn, dw i ddim wedi anfon dim byd. Tyrd yn ôl unrhyw bryd os wyt ti'n newid dy feddwl. Jyst anfona neges ata i.
after-reopened = Diolch. Roedd dy achos wedi cau, felly dw i wedi'i agor eto ac wedi anfon dy neges at dîm y gweithwyr cyswllt. Bydd rhywun yn ei darllen. Dy gyfeirnod di yw { $reference }. Os oes angen help arnat ti nawr, ffonia Childline ar 0800 1111 neu tecstia SHOUT i 85258. Mewn argyfwng, ffonia 999.
after-withdrawn = Fe wnest ti dynnu dy ganiatâd i rannu yn ôl, felly fydd gweithiwr cyswllt ddim yn gweld y neges hon. Os oes angen help arnat ti nawr, ffonia Childline ar 0800 1111 neu tecstia SHOUT i 85258. Mewn argyfwng, ffonia 999.
after-handoff = Diolch. Bydd dy weithiwr cyswllt yn gweld y neges hon. Dy gyfeirnod di yw { $reference }. Os oes angen help arnat ti nawr, ffonia Childline ar 0800 1111 neu tecstia SHOUT i 85258. Mewn argyfwng, ffonia 999.

person-ask = Wyt ti eisiau siarad â pherson? Galla i anfon beth rwyt ti wedi'i ddweud wrtha i hyd yn hyn at weithiwr cyswllt nawr. Neu gallwn ni gario ymlaen gyda'r cwestiynau.
btn-send-now = Anfon fe nawr
    .also = anfon, anfona, anfona fe, anfon nawr, nawr, rwan, rŵan, ie, ydw
btn-keep-going = Cario ymlaen
    .also = cario mlaen, cario ymlaen, mynd ymlaen, dal ati, parhau, na
early-age-ask = Cyn i mi ei anfon, faint yw dy oed di? Wedyn bydda i'n gwybod pwy all helpu.
handoff-early-done = Iawn. Dw i wedi anfon beth ddywedaist ti wrtha i at weithiwr cyswllt. Dy gyfeirnod di yw { $reference }.

help-text =
    Gelli di dapio botwm neu deipio dy ateb. Gelli di hefyd deipio "nôl" i fynd i'r cwestiwn diwethaf, "dechrau eto" i ddechrau o'r dechrau, neu "siarad â pherson". Os wyt ti mewn perygl nawr, ffonia 999.

    Gelli di deipio'r rhain unrhyw bryd:
    { $commands }

# Under a wellbeing question asked in English because it has no official translation (never
# shown in English itself).
measure-in-english = Mae'r cwestiwn hwn yn Saesneg, er mwyn gallu cymharu atebion pawb. Tapia'r rhif sy'n dy siwtio.
