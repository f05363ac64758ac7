### Drafft: heb ei adolygu gan siaradwr Cymraeg. (Draft translation, not yet reviewed by a native speaker.)
### Welcome, age and the kind exits. Keep sentences short: a reading age of 9 to 11.

welcome-hello = Helo! 👋 Fi ydy bot linkup. Dw i'n helpu pobl ifanc i ddod o hyd i bethau all wneud i fywyd deimlo ychydig yn well. Gall hynny fod yn glwb, chwaraeon, cerddoriaeth, neu rywun i siarad â nhw.
welcome-not-emergency = Bydd person go iawn, o'r enw gweithiwr cyswllt, yn darllen beth rwyt ti'n ei ddweud wrtha i. Dydw i ddim yn wasanaeth brys. Os wyt ti mewn perygl nawr, ffonia 999. Gallet ti ffonio Childline am ddim ar 0800 1111, tecstio SHOUT i 85258, neu ffonio Samaritans am ddim ar 116 123. Maen nhw yno ddydd a nos.
welcome-privacy = Mae beth rwyt ti'n ei ddweud wrtha i yn cael ei gadw'n ddiogel. Dim ond tîm y gweithwyr cyswllt sy'n gallu ei weld. Fyddan nhw ddim yn ei rannu, oni bai eu bod nhw'n poeni nad wyt ti neu rywun arall yn ddiogel.
welcome-ready = Bydda i'n gofyn rhai cwestiynau byr i ti. Mae'n cymryd tua 5 munud. Gallet ti deipio yn ôl, dechrau eto, help neu siarad â pherson unrhyw bryd. Gawn ni ddechrau?
btn-yes-lets-go = Ie, awn ni
btn-not-now = Dim nawr
    .also = na, dim nawr, ddim nawr, dim rwan, ddim rwan, dim rŵan, dim eto, ddim eto, wedyn, nes ymlaen, nes mlaen, dim diolch, na diolch, efallai wedyn, falle wedyn, hwyrach wedyn
bye-not-now = Mae hynny'n iawn. Tyrd yn ôl unrhyw bryd. Anfona neges ata i. Os wyt ti angen help nawr, ffonia Childline ar 0800 1111 neu tecstia SHOUT i 85258.

age-ask = Faint ydy dy oed di?
age-under-11 = O dan 11
age-11-12 = 11–12
age-13-15 = 13–15
age-16-18 = 16–18
age-19-25 = 19–25
age-over-25 = Dros 25

outside-younger = Diolch am ddweud wrtha i. Mae'r gwasanaeth hwn ar gyfer grŵp oedran gwahanol, felly alla i ddim anfon hyn ymlaen.
outside-younger-where = Gall oedolyn rwyt ti'n ymddiried ynddo, fel rhiant, gofalwr neu athro, dy helpu i ddod o hyd i gymorth. Gallet ti ffonio Childline am ddim ar 0800 1111, unrhyw bryd.
outside-older = Diolch am ddweud wrtha i. Mae'r gwasanaeth hwn ar gyfer grŵp oedran gwahanol, felly alla i ddim anfon hyn ymlaen.
outside-older-where = Gall dy feddyg teulu, dy goleg neu dy brifysgol dy helpu i ddod o hyd i gymorth yn agos atat ti. Gallet ti ffonio Samaritans am ddim ar 116 123, unrhyw bryd. Mewn argyfwng, ffonia 999.
