### Drafft: heb ei adolygu gan siaradwr Cymraeg. (Draft translation, not yet reviewed by a native speaker.)
### Safeguarding: what linkup says when a message shows someone may not be safe.
### Calm, kind, first. Contacts come from flows/safety/contacts.toml ({ $number }, { $keyword }).

safety-danger = Dy ddiogelwch di sy'n dod gyntaf. Os wyt ti neu rywun arall mewn perygl nawr, ffonia 999. Os na alli di siarad, ffonia 999 a phwysa 55 pan fyddi di'n cael dy ofyn.
safety-suicide = Diolch am ddweud wrtha i. Dw i'n falch iawn dy fod ti wedi dweud. Rwyt ti'n bwysig, a does dim rhaid i ti ddelio â hyn ar dy ben dy hun. Gallet ti siarad â rhywun nawr:
safety-self-harm = Diolch am ddweud wrtha i. Roedd angen dewrder i wneud hynny. Rwyt ti'n haeddu cymorth, ac mae yna bobl fydd yn gwrando arnat ti nawr:
safety-abuse = Diolch am ddweud wrtha i. Nid dy fai di ydy beth sy'n digwydd. Rwyt ti'n haeddu bod yn ddiogel. Gallet ti siarad â rhywun nawr:
safety-exploitation = Diolch am ddweud wrtha i. Nid dy fai di ydy hyn, a dwyt ti ddim mewn trwbl. Gallet ti gael help nawr:
safety-flagged = { $on_duty ->
    [yes] Dw i wedi nodi bod hyn yn frys i weithiwr cyswllt. Mae rhywun yn gweithio nawr a bydd yn ei ddarllen cyn gynted ag y gall, ond efallai na fydd yn ateb yn syth. Os wyt ti mewn perygl, ffonia 999.
   *[no] Dw i wedi nodi bod hyn yn frys i weithiwr cyswllt. Does neb yn gweithio ar hyn o bryd. Mae'r gweithiwr cyswllt nesaf yn dechrau { next-shift }, ac mae negeseuon brys yn cael eu darllen gyntaf. Tan hynny, defnyddia'r rhifau uchod. Os wyt ti mewn perygl, ffonia 999.
}
safety-denial = Diolch am ddweud wrtha i. Os bydd hynny'n newid rywbryd, gallet ti siarad â rhywun unrhyw bryd:
safety-noted = Diolch am roi gwybod i mi. Os bydd hynny'n newid, gallet ti siarad â rhywun unrhyw bryd, ddydd a nos:
safety-review = Mae hynny'n iawn. Bydd gweithiwr cyswllt yn darllen beth ddwedaist ti wrtha i, er mwyn iddyn nhw gysylltu â ti i weld sut wyt ti. Os wyt ti eisiau siarad â rhywun cyn hynny:

## When the next link worker starts: $next_day is today, tomorrow, mon … sun, or later.
next-shift = { $next_day ->
    [today] heddiw am { $next_time }
    [tomorrow] yfory am { $next_time }
    [mon] ddydd Llun am { $next_time }
    [tue] ddydd Mawrth am { $next_time }
    [wed] ddydd Mercher am { $next_time }
    [thu] ddydd Iau am { $next_time }
    [fri] ddydd Gwener am { $next_time }
    [sat] ddydd Sadwrn am { $next_time }
    [sun] ddydd Sul am { $next_time }
   *[later] cyn gynted ag y bydd y gwasanaeth ar agor eto
}

contact-emergency = Os ydy dy fywyd mewn perygl, ffonia { $number } neu dos i'r Adran Achosion Brys (A&E).
contact-childline = Childline: ffonia { $number }, am ddim, unrhyw bryd.
contact-shout = Shout: tecstia { $keyword } i { $number }, am ddim, unrhyw bryd.
contact-samaritans = Samaritans: ffonia { $number }, am ddim, unrhyw bryd.
contact-papyrus = PAPYRUS HOPELINE247: ffonia { $number }, am ddim, unrhyw bryd.
contact-samaritans-welsh = Samaritans yn Gymraeg: ffonia { $number }, am ddim, bob nos o 7yh tan 11yh.

## Said after the contacts to someone using linkup in another language than English.
contacts-in-english = Mae'r llinellau cymorth hyn yn siarad Saesneg. Mae gan Samaritans linell Gymraeg hefyd. Mae ei rhif uchod.

safety-offer = Wyt ti eisiau i weithiwr cyswllt gysylltu â ti nawr? Neu gallwn ni gario ymlaen gyda'r cwestiynau.
btn-talk-now = Ie, gweithiwr cyswllt
    .also = gweithiwr cyswllt, y gweithiwr cyswllt, gweithiwr, siarad, siarad â rhywun, siarad a rhywun, siarad â pherson, siarad a pherson, rhywun, ie, ydw, yndw, hoffwn, hoffwn i
btn-carry-on = Cario ymlaen
    .also = cario ymlaen, mynd ymlaen, bwrw ymlaen, parhau, ymlaen, na, nac ydw, dim diolch, dwin iawn, dw in iawn, dwi yn iawn, rwyn iawn, dwin ffein

## The hand-off after a crisis: honest about when, from the service's hours ([urgent]).
handoff-urgent-next = { $on_duty ->
    [yes] Mae hyn wedi'i nodi'n frys, felly bydd gweithiwr cyswllt yn edrych arno gyntaf. Mae rhywun yn gweithio nawr, ond efallai na fydd yn ateb yn syth.
   *[no] Mae hyn wedi'i nodi'n frys, felly bydd yn cael ei ddarllen gyntaf. Does neb yn gweithio ar hyn o bryd. Mae'r gweithiwr cyswllt nesaf yn dechrau { next-shift }.
} Tan hynny, mae'r rhifau wnes i eu hanfon atat ti yno unrhyw bryd, ddydd a nos. Os wyt ti mewn perygl, ffonia 999.

## When the safety check is unsure: one direct question about what it noticed ($category).
## A yes is treated as a crisis. The flow picks the wording for 16 and over, or younger.
safety-ask = { $category ->
    [suicide] Dw i eisiau gwneud yn siŵr fy mod i wedi dy ddeall di. Wyt ti'n cael meddyliau am ddod â dy fywyd i ben?
    [self_harm] Dw i eisiau gwneud yn siŵr fy mod i wedi dy ddeall di. Wyt ti'n brifo dy hun, neu'n meddwl am wneud hynny?
    [abuse] Dw i eisiau gwneud yn siŵr fy mod i wedi dy ddeall di. Ydy rhywun yn dy frifo di, neu'n gwneud i ti deimlo'n ofnus?
    [exploitation] Dw i eisiau gwneud yn siŵr fy mod i wedi dy ddeall di. Ydy rhywun yn rhoi pwysau arnat ti, yn gofyn i ti gadw cyfrinachau, neu'n gwneud i ti wneud pethau dwyt ti ddim eisiau eu gwneud?
   *[danger] Dw i eisiau gwneud yn siŵr dy fod ti'n iawn. Wyt ti mewn perygl ar hyn o bryd?
}
safety-ask-younger = { $category ->
    [suicide] Ga i ofyn rhywbeth i ti? Wyt ti'n teimlo nad wyt ti eisiau bod yn fyw?
    [self_harm] Ga i ofyn rhywbeth i ti? Wyt ti'n brifo dy hun ar bwrpas?
    [abuse] Ga i ofyn rhywbeth i ti? Ydy rhywun yn dy frifo di, neu'n codi ofn arnat ti?
    [exploitation] Ga i ofyn rhywbeth i ti? Ydy rhywun yn gofyn i ti gadw cyfrinachau, neu i wneud pethau dwyt ti ddim eisiau eu gwneud?
   *[danger] Ga i ofyn rhywbeth i ti? Wyt ti mewn perygl ar hyn o bryd?
}

## A direct question everyone is asked after the wellbeing questions (adapted from the ASQ).
safety-screen-intro = Diolch. Un cwestiwn arall. Dw i'n gofyn hyn i bawb, achos mae'n bwysig.
safety-screen-ask = Yn ystod yr ychydig wythnosau diwethaf, wyt ti wedi cael meddyliau am frifo dy hun, neu am ddod â dy fywyd i ben?
safety-screen-ask-younger = Yn ystod yr ychydig wythnosau diwethaf, wyt ti wedi meddwl am frifo dy hun, neu wedi dymuno nad oeddet ti'n fyw?
btn-yes = Ie
    .also = ie, iawn, ydw, yndw, do, ydy, oes, ydw weithiau, yndw weithiau, ie weithiau, weithiau
btn-no = Na
    .also = na, naddo, nac ydw, nag ydw, nadw, nacdw, nac ydy, nac oes, byth, erioed, dim o gwbl, ddim o gwbl
btn-rather-not-say = Byddai'n well gen i beidio dweud
    .also = well gen i beidio, well gen i beidio dweud, gwell gen i beidio, byddain well gen i beidio, dwi ddim eisiau dweud, dw i ddim eisiau dweud, dwi ddim isio deud, ddim eisiau dweud, pasio, hepgor
