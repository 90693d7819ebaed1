/**
 * How the operator panel writes a visitor's GeoIP location, in Chromium's own Intl data: the
 * country named in the panel's language, unknown parts left out, a place named like its region
 * said once.
 */
import { expect } from '@open-wc/testing';
import { placeName } from '../../widget/src/elements/operator-panel/place.js';
import { describe, it } from './helpers.js';

const DUBLIN = { countryCode: 'IE', region: 'Leinster', city: 'Dublin' };

describe('a visitor location in the operator panel', () => {
  it('reads "City, Region, Country" with the country in the panel language', () => {
    expect(placeName(DUBLIN, 'en')).to.equal('Dublin, Leinster, Ireland');
    expect(placeName(DUBLIN, 'fr')).to.equal('Dublin, Leinster, Irlande');
    expect(placeName(DUBLIN, 'ko')).to.equal('Dublin, Leinster, 아일랜드');
  });

  it('leaves out what GeoIP does not know, and says a repeated name once', () => {
    expect(placeName({ countryCode: 'DE', region: null, city: null }, 'en')).to.equal('Germany');
    expect(placeName({ countryCode: 'US', region: 'California', city: null }, 'fr')).to.equal('California, États-Unis');
    expect(placeName({ countryCode: 'SG', region: 'Singapore', city: 'Singapore' }, 'en')).to.equal('Singapore');
  });

  it('is empty without a location, so the panel shows time zone and language instead', () => {
    expect(placeName(null, 'en')).to.equal('');
  });
});
