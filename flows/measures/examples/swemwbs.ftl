# Placeholder wording for flows/measures/examples/swemwbs.toml. Replace every "[...]" with the
# wording from your licence pack before you use it with young people.
swemwbs-1 = [SWEMWBS item 1: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-2 = [SWEMWBS item 2: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-3 = [SWEMWBS item 3: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-4 = [SWEMWBS item 4: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-5 = [SWEMWBS item 5: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-6 = [SWEMWBS item 6: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-7 = [SWEMWBS item 7: the licensed statement goes here.] Over the last 2 weeks, how often?
swemwbs-r1 = [response 1]
swemwbs-r2 = [response 2]
swemwbs-r3 = [response 3]
swemwbs-r4 = [response 4]
swemwbs-r5 = [response 5]
