package risk

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnumsRejectEmptyAndUnknown(t *testing.T) {
	valid := []interface{ Valid() bool }{
		InherentSafety, ProtectiveMeasure, InformationForSafety,
		LocationSoftware, LocationHardware, LocationProcedural, LocationLabeling,
		ALARP, AFAP, RegionAcceptable, RegionALARP, RegionUnacceptable,
		BasisImpracticable, BasisStateOfTheArt, BasisBenefitRisk, BasisEconomic,
		NewRisksNone, NewRisksIntroduced, BenefitsOutweigh, RisksOutweigh, Acceptable, Unacceptable,
	}
	for _, v := range valid {
		assert.True(t, v.Valid(), "%v", v)
	}
	invalid := []interface{ Valid() bool }{
		ControlOption(""), ControlOption("design"), Location(""), Location("cloud"), Policy(""), Policy("ALARP"),
		Region(""), Region("low"), Basis(""), Basis("cost"), NewRisks(""), NewRisks("yes"),
		Outcome(""), Outcome("ok"), Acceptability(""), Acceptability("fine"),
	}
	for _, v := range invalid {
		assert.False(t, v.Valid(), "%#v", v)
	}
}

func TestControlOptionPriority(t *testing.T) {
	assert.Equal(t, 1, InherentSafety.Priority())
	assert.Equal(t, 2, ProtectiveMeasure.Priority())
	assert.Equal(t, 3, InformationForSafety.Priority())
	assert.Equal(t, 0, ControlOption("").Priority())
}

func TestLocationExternal(t *testing.T) {
	for l, want := range map[Location]bool{
		LocationSoftware: false, LocationHardware: true, LocationProcedural: true, LocationLabeling: true, "": false, "cloud": false,
	} {
		assert.Equal(t, want, l.External(), l)
		assert.Equal(t, want, Control{Location: l}.External(), l)
	}
}

func TestRegionRank(t *testing.T) {
	assert.Less(t, RegionAcceptable.Rank(), RegionALARP.Rank())
	assert.Less(t, RegionALARP.Rank(), RegionUnacceptable.Rank())
	assert.Equal(t, 0, Region("").Rank())
}

func TestDate(t *testing.T) {
	assert.True(t, Date("2024-02-29").Valid())
	assert.False(t, Date("2023-02-29").Valid())
	assert.False(t, Date("").Valid())
	assert.True(t, Date("").Time().IsZero())
	assert.True(t, Date("2024-01-01").Before("2024-01-02"))
	assert.False(t, Date("2024-01-02").Before("2024-01-02"))
	assert.False(t, Date("bad").Before("2024-01-02"))
}
