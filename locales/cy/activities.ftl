# Gweithgareddau o'r cyfeiriadur lleol. Drafft: nid yw siaradwr Cymraeg wedi'i adolygu eto.

activities-intro = Gofynnaist am bethau i'w gwneud yn agos atat ti. { $count ->
    [zero] Dim un.
    [one] Dyma un a allai dy siwtio di.
    [two] Dyma ddau a allai dy siwtio di.
    [few] Dyma dri a allai dy siwtio di.
    [many] Dyma { $count } a allai dy siwtio di.
   *[other] Dyma { $count } a allai dy siwtio di.
} Tapia "Dweud mwy", neu "Mae gen i ddiddordeb" er mwyn i dy weithiwr cyswllt wybod.
activities-none = Doeddwn i ddim yn gallu dod o hyd i weithgaredd yn agos atat ti sy'n addas eto. Bydd dy weithiwr cyswllt yn edrych gyda ti.
activities-empty = Bydd dy weithiwr cyswllt yn dy helpu i ddod o hyd i weithgareddau yn agos atat ti.
activity-from-worker = Roedd { $name } o'r tîm cyswllt yn meddwl y byddet ti'n hoffi hwn:
activity-card = { $name }
    { $about }
    { $ages } · { $cost }
activity-ages = { $kind ->
    [range] Oed { $from } i { $to }
    [from] Oed { $from } a hŷn
    [upto] Oed hyd at { $to }
   *[any] Unrhyw oed
}
activity-free = Am ddim
activity-more-when = Pryd: { $when }
activity-more-cost = Cost: { $cost }
activity-more-where = Ble: { $where }
activity-more-how = Sut i fynd: { $how }
activity-more-end = Os wyt ti eisiau mynd, tapia "Mae gen i ddiddordeb" a bydd dy weithiwr cyswllt yn helpu.
activity-interested = Gwych! Dw i wedi dweud wrth dy weithiwr cyswllt fod gen ti ddiddordeb yn { $name }. Byddan nhw'n dy helpu gyda'r cam nesaf.
activity-interested-again = Mae dy weithiwr cyswllt eisoes yn gwybod bod gen ti ddiddordeb yn { $name }.
activity-gone = Sori, dw i ddim yn gallu dod o hyd i'r gweithgaredd yna bellach. Gall dy weithiwr cyswllt dy helpu i ddod o hyd i rai eraill.
activity-which = { $choice ->
    [interested] Pa un sydd o ddiddordeb i ti? Tapia fe, neu teipia ei rif, 1 i { $count }.
   *[more] Am ba un rwyt ti eisiau clywed mwy? Tapia fe, neu teipia ei rif, 1 i { $count }.
}
activity-no-thanks = Mae hynny'n iawn. Gall dy weithiwr cyswllt chwilio am bethau eraill gyda ti.
btn-activity-more = Dweud mwy
btn-activity-interested = Mae gen i ddiddordeb
words-activity-more = dweud mwy, mwy, mwy o wybodaeth, gwybodaeth, manylion, pryd, ble, faint, sut dw i'n mynd
words-activity-interested = diddordeb, mae gen i ddiddordeb, swnio'n dda, swnio'n hwyl, dw i'n hoffi, hoffwn i, dw i eisiau, hwnna, ymuno
words-activity-which = cyntaf, ail, trydydd
words-activity-last = olaf, yr un olaf
