### Drafft: heb ei adolygu gan siaradwr Cymraeg. (Draft translation, not yet reviewed by a native speaker.)
### Words linkup itself uses: re-asks, notes and the keywords it listens for.

reask-choose-button = Sori, wnes i ddim deall hynny. Tapia fotwm, neu teipia dy ateb mewn ffordd arall.
reask-old-button = Mae'r botwm yna o gwestiwn cynharach. Dyma lle rydyn ni nawr.
reask-pick-at-least = { $min ->
    [zero] Dewisa o leiaf { $min }, yna tapia Gorffen.
    [one] Dewisa o leiaf un, yna tapia Gorffen.
    [two] Dewisa o leiaf { $min }, yna tapia Gorffen.
    [few] Dewisa o leiaf { $min }, yna tapia Gorffen.
    [many] Dewisa o leiaf { $min }, yna tapia Gorffen.
   *[other] Dewisa o leiaf { $min }, yna tapia Gorffen.
}
reask-scale = Dewisa rif o { $min } i { $max }.
back-at-start = Dyma'r cwestiwn cyntaf, felly does dim byd i fynd yn ôl ato.
restarting = Iawn, gad i ni ddechrau eto.
welcome-back = Croeso nôl! Gad i ni gario ymlaen o'r man lle roedden ni.
unknown-command = Sori, dw i ddim yn gwybod y gorchymyn yna. Teipia help i weld beth gelli di ei wneud.
reask-text-empty = Ches i ddim byd yna. Rho gynnig arall arni.
reask-text-too-long = Mae hynny braidd yn hir i mi. Alli di ei ddweud mewn { $max } llythyren neu lai?
reask-needs-words = Dw i ddim yn gallu darllen emoji yn dda iawn. Alli di ddweud wrtha i mewn geiriau?
reask-area = Sori, wnes i ddim deall hynny. Rho gynnig ar ran gyntaf dy god post, fel M14. Neu teipia enw dy ysgol neu dy goleg.
reask-area-address = Paid ag anfon dy gyfeiriad cartref. Mae rhan gyntaf dy god post yn iawn, fel M14. Neu enw dy ysgol neu dy goleg.
note-area-district = Diolch. Dim ond { $district } sydd ei angen arna i, felly dyna'r cyfan dw i wedi'i gadw.
reask-phone = Dydy hwnna ddim yn edrych fel rhif ffôn yn y DU. Rho gynnig arall arni, fel 07700 900123.
reask-mobile = Dydy hwnna ddim yn edrych fel rhif ffôn symudol yn y DU. Mae rhifau symudol yn dechrau gyda 07, fel 07700 900123.

# Comma-separated words that work at any question. Not "help me": that can be a cry for help,
# and must reach the safety check as words.
keywords-back = nôl, nol, yn ôl, yn ol, mynd yn ôl, mynd yn ol, mynd nôl, mynd nol, cynt, blaenorol, dadwneud
keywords-restart = dechrau eto, dechra eto, ailddechrau, dechrau o newydd, dechrau drosodd, dechrau o r dechrau, dechrau or dechrau
keywords-help = help, cymorth, beth dw i fod i wneud, beth dwi fod i neud, sut mae hwn yn gweithio, sut mae hyn yn gweithio, sut mae hwn yn gwitho
keywords-person = siarad â pherson, siarad a pherson, siarad â rhywun, siarad a rhywun, siarad gyda rhywun, siarad efo rhywun, siarad gyda pherson, siarad efo person, person go iawn, person, bod dynol

# Words for reading answers typed instead of tapped (comma-separated, any case). A button's own
# other names are its `.also` attribute, next to its label (see questions.ftl).
words-yes = ie, ia, iawn, iawn te, ydw, yndw, ydy, yndi, ydi, do, oes, bydd, cei, ok, oce, ocê, ie plis, ia plis, ydw plis, plis, os gwelwch yn dda, wrth gwrs, siwr, siŵr, yn sicr, yn bendant, bendant, dim problem, ffein, cer amdani, dos amdani, 👍, 👌, ✅
# Of the yes words, those that are only a loose yes: a question about what cannot be undone
# (`careful = true`, such as /delete) asks again rather than take them.
words-loose-yes = iawn, iawn te, ok, oce, ocê, plis, siwr, siŵr, dim problem, ffein, cer amdani, dos amdani, 👍, 👌
words-no = na, nage, naci, nac ydw, nacydw, nadw, na dw, naddo, nac oes, nagoes, na diolch, dim diolch, ddim go iawn, dim go iawn, ddim rili, dim rili, 👎, ❌
words-done = gorffen, wedi gorffen, dyna fe, dyna fo, dyna ni, dyna i gyd, dyna gyd, dyna r cyfan, dyna r cwbl, dyna fi, dim byd arall, dim mwy, dim byd, wedi neud, wedi gwneud, na dyna fe, na dyna fo, na dyna ni, nesaf, nesa
words-filler = ym, ymm, ymmm, e, ee, y, yr, hmm, fel, dwi, dw, i, rwy, rwyn, dwin, meddwl, efallai, falle, efalle, tebyg, tua, rhyw, oddeutu, yn, n, mae, fe, fo, hi, jyst, jest, felly, wir, rili, wel, lol, x, xx, fy, plis, diolch, byddwn, baswn, swn, dweud, ddweud
words-numbers = dim, un, dau, tri, pedwar, pump, chwech, saith, wyth, naw, deg, un deg un, un deg dau, un deg tri, un deg pedwar, un deg pump, un deg chwech, un deg saith, un deg wyth, un deg naw, dau ddeg, dau ddeg un, dau ddeg dau, dau ddeg tri, dau ddeg pedwar, dau ddeg pump
words-age = dwi, dw, i, rwy, rwyf, rydw, yn, n, oed, oedran, mlwydd, blwydd, mlwyddyn, blwyddyn, blynedd, mlynedd, bron, jyst, newydd, troi, droi, wedi, ym, yr, y, ysgol
words-under = o dan, dan, llai na, iau na, yn iau na, islaw
words-over = dros, hŷn na, hyn na, yn hŷn na, yn hyn na, mwy na, uwch na, uwchben
words-and = a, ac, ag, hefyd, plws, neu, gyda, efo, hefo, &, +
words-school-year = blwyddyn, flwyddyn, mlwyddyn, bl
did-you-mean = Ai hyn oeddet ti'n ei feddwl? Tapia fe os felly.
guess-not-that = Iawn. Tapia fotwm, neu teipia fe mewn ffordd arall.
btn-guess-no = Na, rhywbeth arall
btn-guess-keep = Na, cadw beth wnes i deipio
btn-cmd-back = Mynd yn ôl
btn-cmd-restart = Dechrau eto
btn-cmd-help = Help
btn-cmd-person = Siarad â pherson

# After the hand-off: what help, "talk to a person", "back" and "start again" mean then.
handed-off-help =
    Mae gan dy weithiwr cyswllt beth ddywedaist ti wrtha i. Mae unrhyw beth rwyt ti'n ei deipio yma yn mynd atyn nhw. Os wyt ti mewn perygl nawr, ffonia 999.

    Gelli di deipio'r rhain unrhyw bryd:
    { $commands }
handed-off-person = Rwyt ti gyda thîm y gweithwyr cyswllt yn barod. Teipia dy neges yma a byddan nhw'n ei gweld. Dy gyfeirnod di yw { $reference }.
handed-off-back = Dw i wedi anfon dy atebion at weithiwr cyswllt yn barod, felly alla i ddim mynd yn ôl na dechrau eto. Os oes rhywbeth wedi newid, dywed wrtha i yma a bydd dy weithiwr cyswllt yn ei weld.

media-not-read = Sori, dim ond testun a botymau dw i'n gallu eu darllen. Alli di ei deipio yn lle hynny?
command-not-yet = Sori, alla i ddim gwneud hynny eto. Gall gweithiwr cyswllt helpu: teipia siarad â pherson.

# Data rights: /delete and /stop.
privacy-delete-ask = Wyt ti eisiau i mi ddileu popeth ddywedaist ti wrth linkup? Does dim modd dadwneud hyn. Bydd gweithiwr cyswllt yn gweld dy fod wedi gofyn, ond nid beth ddywedaist ti.
btn-delete-yes = Ydw, dileu'r cyfan
btn-delete-no = Na, cadw fe
privacy-deleted = Wedi'i wneud. Dw i wedi dileu beth ddywedaist ti wrth linkup. Mae Telegram yn cadw ei gopi ei hun o'r sgwrs hon. Gelli di ei chlirio yn yr ap. Os oes angen help arnat ti, ffonia Childline ar 0800 1111.
privacy-kept = Iawn, wna i ddim dileu dim byd.
privacy-paused = Iawn, dw i wedi oedi popeth. Wna i ddim anfon neges atat ti nes i ti ysgrifennu ata i eto.

# Data rights: /mydata and taking back consent.
mydata-summary = Dyma beth sydd gan linkup amdanat ti:
    • Cyfeirnod: { $reference }
    • Enw: { $name }
    • Oed: { $age }
    • Ardal: { $area }
    • Sut i gysylltu â ti: { $contact }
    • Ffôn: { $phone }
    • { $shared ->
        [asked-early] Gofynnaist ti i mi ei anfon at weithiwr cyswllt yn gynnar, felly wnes i ddim gofyn a oedd hynny'n iawn.
        [safeguarding] Anfonais i fe at weithiwr cyswllt i helpu i dy gadw'n ddiogel, felly wnes i ddim gofyn a oedd hynny'n iawn.
       *[other] Dywedaist ti ei bod hi'n iawn rhannu ar: { $consent }
    }
    • Negeseuon wedi'u cadw: { $messages }
    • Atebion lles: { $scores }
    Mae'r ffeil isod yn cynnwys y cyfan.
mydata-nothing = Hyd yn hyn, dim ond ein sgwrs ni sydd gen i: { $messages } neges. Mae'r ffeil isod yn cynnwys y cyfan.
mydata-file = Dyma'r cyfan mewn un ffeil.
btn-withdraw = Tynnu fy nghaniatâd yn ôl
btn-delete = Dileu fy nata
consent-withdraw-ask = Wyt ti eisiau tynnu dy ganiatâd i rannu yn ôl? Bydd gweithiwr cyswllt yn stopio cysylltu â ti a bydd dy achos yn cau. Mae beth ddywedaist ti wrthon ni yn aros nes i ti ei ddileu.
btn-withdraw-yes = Ydw, tynnu fe'n ôl
btn-withdraw-no = Na, cadw fe
consent-withdrawn = Wedi'i wneud. Mae dy achos wedi cau a fydd dim gweithiwr cyswllt yn cysylltu â ti. Gelli di hefyd ddileu beth ddywedaist ti wrthon ni.
consent-kept = Iawn, does dim byd wedi newid.

# The menu (/menu). While a link worker is in contact, /menu gives the bot back.
menu = Beth hoffet ti ei wneud?
data-rights-help = Tapia fotwm, neu teipia dy ateb. Does dim byd yn cael ei ddileu oni bai dy fod ti'n dweud ie. Os wyt ti mewn perygl nawr, ffonia 999.
btn-menu-worker = Siarad â fy ngweithiwr cyswllt
btn-menu-carry = Cario ymlaen
btn-menu-mydata = Gweld fy nata
btn-menu-stop = Oedi negeseuon
menu-worker-back = Iawn. Mae dy negeseuon yn mynd at { $worker } eto.

# A link worker's message, with their first name.
contact-from-worker = { $name } (dy weithiwr cyswllt):
    { $text }

## Check-ins (after the hand-off). The reminder shows on a lock screen: keep it neutral.
checkin-reminder = Helo, linkup sydd yma. Oes gen ti funud am wiriad sydyn?
btn-checkin-now = Oes, gad i ni ei wneud
btn-checkin-later = Ddim nawr
btn-checkin-stop = Stopio'r gwiriadau
btn-checkin-chart = Gweld fy siart
checkin-progress = Cwestiwn { $question } o { $questions }
checkin-help = Tapia'r ateb sy'n dy siwtio di, neu teipia fe. Teipia "nôl" i newid dy ateb diwethaf. Mae dy weithiwr cyswllt yn gweld dy atebion. Os wyt ti mewn perygl nawr, ffonia 999.
checkin-done = Diolch! Dyna dy wiriad wedi'i orffen. Gall dy weithiwr cyswllt weld dy atebion.
checkin-snoozed = Iawn. Byddwn ni'n gofyn eto yfory.
checkin-stopped = Iawn. Fyddwn ni ddim yn anfon gwiriadau eto. Gelli di anfon /checkin unrhyw bryd o hyd.
checkin-no-case = Mae'r gwiriadau'n dechrau ar ôl i ti anfon dy fanylion at weithiwr cyswllt. Anfona /start i ddechrau.
checkin-not-for-age = Sori, dydy'r gwiriadau ddim yn barod ar gyfer dy grŵp oedran di. Gall dy weithiwr cyswllt helpu o hyd.
checkin-ended = Mae'r gwiriad yna wedi dod i ben. Wyt ti eisiau dechrau un newydd?
checkin-chart = Dyma sut mae dy atebion wedi newid dros amser.
checkin-chart-nothing = Does dim atebion i'w dangos eto. Gwna wiriad yn gyntaf.
chart-title = Sut rwyt ti wedi bod
chart-note-higher = Mae uwch yn well.
chart-note-lower = Mae uwch yn well. Ar gyfer { $items }, mae is yn well.
chart-life = Bywyd
chart-worthwhile = Gwerth chweil
chart-happy = Hapus
chart-anxious = Poeni

# The commands (/name), as a chat app's menu and the help text list them. Short: a menu line.
cmd-start = Dechrau, neu gario ymlaen o'r man lle roeddet ti
cmd-help = Sut mae hwn yn gweithio
cmd-checkin = Gwiriad lles sydyn
cmd-mydata = Gweld beth mae linkup yn ei gadw amdanat ti
cmd-delete = Dileu beth mae linkup yn ei gadw amdanat ti
cmd-stop = Oedi pob neges
cmd-language = Newid iaith
cmd-menu = Dangos y ddewislen
cmd-back = Mynd yn ôl i'r cwestiwn diwethaf
cmd-restart = Dechrau eto
cmd-person = Siarad â pherson

# The web chat's page.
web-title = linkup
web-intro = Helo! Dyma linkup. Gelli di ddweud wrthon ni beth sy'n bwysig i ti, a gall gweithiwr cyswllt dy helpu i ddod o hyd i bethau i'w gwneud a phobl i siarad â nhw. Mae am ddim, a does dim angen cyfrif arnat ti. Os wyt ti mewn perygl nawr, ffonia 999.
web-start = Dechrau
web-exit = Gadael yn gyflym
web-exit-hint = Pwysa "Gadael yn gyflym" neu Esc dair gwaith i adael y dudalen hon yn gyflym.
web-type = Teipia dy neges
web-send = Anfon
web-you = Ti
web-bot = linkup
web-worker = Gweithiwr cyswllt
web-too-long = Mae'r neges yna'n rhy hir. Gwna hi'n fyrrach ac anfona hi eto.
web-too-fast = Rwyt ti'n anfon negeseuon yn gyflym iawn. Aros funud, yna rho gynnig arall arni. Mae dy neges yma o hyd.
web-expired = Roedd y dudalen hon ar agor am sbel. Mae dy neges yma o hyd: anfona hi eto.
web-wrong-site = Wnaeth y neges hon ddim dod o dudalen linkup, felly chafodd hi mo'i hanfon. Agor y sgwrs eto ac anfona hi o fan'na.
web-deleted = Wedi'i wneud. Mae popeth oedd gan linkup amdanat ti wedi'i ddileu. Gelli di gau'r dudalen hon.
web-code-title = Dy god dod yn ôl
web-code-text = Ysgrifenna fe i lawr neu tynna lun sgrin. I ddarllen atebion dy weithiwr cyswllt ar ffôn neu gyfrifiadur arall, agor y dudalen hon yno a theipia'r cod. Cadwa fe'n breifat: gall unrhyw un sydd â'r cod ddarllen y sgwrs hon.
web-return-label = Wedi bod yma o'r blaen? Teipia dy god dod yn ôl
web-return-button = Cario ymlaen
web-code-wrong = Wnaeth y cod yna ddim gweithio. Gwiria fe a rho gynnig arall arni.
web-download = Lawrlwytho'r ffeil

## Languages (/language). language-name is this language's own name: it is shown on its button
## to everyone, whatever language they use. Its .also lists other names people type for it.
language-name = Cymraeg
    .also = cymraeg, welsh, cymreig, kymraeg
language-ask = Pa iaith hoffet ti i mi ei defnyddio?
language-help = Tapia iaith, neu teipia ei henw.
language-set = Iawn. Bydda i'n defnyddio Cymraeg o hyn ymlaen. Gelli di ei newid unrhyw bryd gyda /language.
