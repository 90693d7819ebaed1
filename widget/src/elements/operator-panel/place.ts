import type { VisitorLocation } from '../../../../server/src/protocol/workspace.js';

/**
 * "City, Region, Country" for a visitor's GeoIP location, with the country named in `locale`
 * (a place named like its region, as Singapore is, is said once); '' when there is none.
 */
export function placeName(location: VisitorLocation | null | undefined, locale: string): string {
  if (!location) return '';
  let country = location.countryCode;
  try {
    country = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(country) ?? country;
  } catch {
    // Not a region code this browser knows: show the code.
  }
  const parts = [location.city, location.region, country].filter((p): p is string => !!p);
  return parts.filter((p, i) => p !== parts[i - 1]).join(', ');
}
