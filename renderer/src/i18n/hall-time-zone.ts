/** The hall's time zone (from the terminal profile, `halls.time_zone`): screens show hall time whatever the machine is set to. */
import { createContext, useContext } from 'react';
import { DEFAULT_HALL_TIME_ZONE } from '../../../contracts';

/** Until the terminal has heard from its hall server, the default zone. */
export const HallTimeZoneContext = createContext<string>(DEFAULT_HALL_TIME_ZONE);

export function useHallTimeZone(): string {
  return useContext(HallTimeZoneContext);
}
