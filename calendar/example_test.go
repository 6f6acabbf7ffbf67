package calendar_test

import (
	"fmt"

	"github.com/village-uk/village/calendar"
)

func ExampleParsePeriod() {
	for _, s := range []string{"2025-26", "2025/26 Q1", "2025Q3", "2025-07", "R2025-07", "01/04/2025-30/09/2025"} {
		p, err := calendar.ParsePeriod(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-21s %-17s %-21s %s; before it %s, a year earlier %s\n", s, p.Kind, p.Code(), p, p.Previous().Code(), p.YearEarlier().Code())
	}
	// Output:
	// 2025-26               collection year   2025/26               2025/26; before it 2024/25, a year earlier 2024/25
	// 2025/26 Q1            financial quarter 2025/26 Q1            Q1 2025/26 (April to June 2025); before it 2024/25 Q4, a year earlier 2024/25 Q1
	// 2025Q3                calendar quarter  2025Q3                July to September 2025 (calendar quarter); before it 2025Q2, a year earlier 2024Q3
	// 2025-07               month             2025-07               2025-07; before it 2025-06, a year earlier 2024-07
	// R2025-07              rolling 12 months R2025-07              12 months to Jul 2025; before it R2024-07, a year earlier R2024-07
	// 01/04/2025-30/09/2025 range             01/04/2025-30/09/2025 1 April 2025 to 30 September 2025; before it 01/10/2024-31/03/2025, a year earlier 01/04/2024-30/09/2024
}

func ExampleWorkingDays() {
	referral := calendar.NewDate(2025, 12, 19) // a Friday
	conference := calendar.NewDate(2026, 1, 12)
	// Christmas Day, Boxing Day and New Year's Day are not working days.
	fmt.Println(calendar.WorkingDays(referral, conference), "working days")
	fmt.Println("the 15th working day after:", calendar.AddWorkingDays(referral, 15).Long())
	// Output:
	// 13 working days
	// the 15th working day after: 14 January 2026
}
