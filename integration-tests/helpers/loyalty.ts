import { DEFAULT_PROGRAM, ProgramSettings } from "../../src/modules/loyalty/program"

/**
 * The loyalty program the HTTP specs run on: 10 points per euro, a 25-point sign-up bonus, a
 * 14-day return window, redemption from 50 points in steps of 50 (1 point = 0.01), holds kept
 * an hour. Tests that need other values post their changes on top of it.
 */
export const TEST_PROGRAM: ProgramSettings = {
  ...DEFAULT_PROGRAM,
  pointsPerCurrencyUnit: { eur: 10 },
  rounding: "floor",
  signupBonus: 25,
  firstOrderBonus: 0,
  returnWindowDays: 14,
  pointValue: 0.01,
  pointValueByCurrency: {},
  minRedeemPoints: 50,
  redeemStep: 50,
  maxRedeemShare: 0.5,
  holdTtlMinutes: 60,
  birthdayBonus: 0,
}
