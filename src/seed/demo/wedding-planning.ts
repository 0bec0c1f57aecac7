/**
 * A wedding-planning package builder in five steps with package prices. It demonstrates a branch
 * on an option (elopements skip the reception catering), a DATE_PICKER wedding date, and option
 * dependencies on the guest count and the venue.
 */
import {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../../entities/enums';
import type { OptionReference, WizardDefinition } from '../../definitions/wizard-definition';

const guests = (option: string): OptionReference => ({
  step: 'couple',
  set: 'guest_count',
  option,
});

export const weddingPlanning: WizardDefinition = {
  key: 'wedding_planning',
  name: 'Plan your wedding',
  description:
    'Build a wedding package: ceremony and venue, food and drink, photography and music. ' +
    'We send you an itemised quote and book a planning consultation.',
  category: 'Weddings',
  icon: 'heart',
  color: '#e11d48',
  allowSaveProgress: true,
  allowTemplates: true,
  estimatedTimeMinutes: 10,
  isActive: true,
  isPublic: true,
  isFeatured: false,
  version: '1.0',
  published: true,
  steps: [
    {
      key: 'couple',
      name: 'The two of you',
      title: 'Tell us about your wedding',
      icon: 'users',
      optionSets: [
        {
          key: 'partner_names',
          name: 'Names',
          title: 'Your names',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: true,
          validationRules: { minLength: 3, maxLength: 120 },
          options: [],
        },
        {
          key: 'wedding_date',
          name: 'Date',
          title: 'Wedding date',
          helpText: 'An approximate date is fine; you can change it later.',
          selectionType: SelectionType.DATE_PICKER,
          isRequired: true,
          validationRules: { min: '2025-01-01', max: '2030-12-31' },
          options: [],
        },
        {
          key: 'guest_count',
          name: 'Guests',
          title: 'How many guests?',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'intimate', label: 'Intimate: up to 30', value: '30', price: '0.00' },
            {
              key: 'medium',
              label: 'Medium: 31 to 100',
              value: '100',
              price: '0.00',
              isDefault: true,
            },
            { key: 'large', label: 'Large: 101 to 200', value: '200', price: '0.00' },
            { key: 'grand', label: 'Grand: more than 200', value: '300', price: '0.00' },
          ],
        },
      ],
    },
    {
      key: 'ceremony_venue',
      name: 'Ceremony & venue',
      title: 'Ceremony and venue',
      icon: 'home',
      optionSets: [
        {
          key: 'ceremony_type',
          name: 'Ceremony',
          title: 'Type of ceremony',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'civil', label: 'Civil ceremony', price: '450.00', isDefault: true },
            { key: 'religious', label: 'Religious ceremony', price: '350.00' },
            { key: 'symbolic', label: 'Symbolic ceremony with a celebrant', price: '650.00' },
            {
              key: 'elopement',
              label: 'Elopement',
              description: 'Just the two of you and a witness; no reception.',
              price: '1200.00',
              dependencies: [
                { type: DependencyType.HIDE_IF, on: guests('large') },
                { type: DependencyType.HIDE_IF, on: guests('grand') },
              ],
            },
          ],
        },
        {
          key: 'venue_style',
          name: 'Venue',
          title: 'Venue style',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'rustic_barn', label: 'Rustic barn', price: '2500.00', isRecommended: true },
            { key: 'country_house', label: 'Country house', price: '4500.00' },
            { key: 'city_hotel', label: 'City hotel ballroom', price: '3800.00' },
            { key: 'beach', label: 'Beach', price: '3200.00' },
            {
              key: 'garden_marquee',
              label: 'Garden marquee',
              price: '2900.00',
              dependencies: [{ type: DependencyType.DISABLE_IF, on: guests('grand') }],
            },
          ],
        },
      ],
    },
    {
      key: 'catering',
      name: 'Food & drink',
      title: 'Food and drink',
      icon: 'utensils',
      optionSets: [
        {
          key: 'menu_style',
          name: 'Menu',
          title: 'Menu style',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'buffet', label: 'Buffet', price: '1800.00' },
            {
              key: 'three_course',
              label: 'Three-course dinner',
              price: '3200.00',
              isRecommended: true,
            },
            { key: 'family_style', label: 'Family-style sharing platters', price: '2600.00' },
            { key: 'food_trucks', label: 'Food trucks', price: '1500.00' },
          ],
        },
        {
          key: 'dietary',
          name: 'Dietary needs',
          title: 'Dietary needs to cater for',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          minSelections: 0,
          maxSelections: 5,
          options: [
            { key: 'vegetarian', label: 'Vegetarian', price: '0.00' },
            { key: 'vegan', label: 'Vegan', price: '0.00' },
            { key: 'gluten_free', label: 'Gluten-free', price: '0.00' },
            { key: 'halal', label: 'Halal', price: '150.00' },
            { key: 'kosher', label: 'Kosher', price: '250.00' },
          ],
        },
        {
          key: 'bar',
          name: 'Bar',
          title: 'Drinks',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'beer_wine', label: 'Beer and wine', price: '900.00', isDefault: true },
            { key: 'open_bar', label: 'Open bar', price: '2400.00' },
            { key: 'dry', label: 'Alcohol-free bar', price: '500.00' },
          ],
        },
      ],
    },
    {
      key: 'extras',
      name: 'Photo, music & extras',
      title: 'Photography, music and extras',
      icon: 'camera',
      optionSets: [
        {
          key: 'photography',
          name: 'Photography',
          title: 'Photography',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'no_photographer', label: 'No photographer', price: '0.00' },
            { key: 'ceremony_only', label: 'Ceremony only (2 hours)', price: '900.00' },
            {
              key: 'full_day',
              label: 'Full day, with an online album',
              price: '2200.00',
              isRecommended: true,
              isDefault: true,
            },
          ],
        },
        {
          key: 'music',
          name: 'Music',
          title: 'Music',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          dependencies: [
            {
              type: SetDependencyType.HIDE_IF,
              on: { step: 'ceremony_venue', set: 'ceremony_type', option: 'elopement' },
            },
          ],
          options: [
            { key: 'playlist', label: 'Your own playlist and PA system', price: '250.00' },
            { key: 'dj', label: 'DJ (5 hours)', price: '900.00', isDefault: true },
            { key: 'live_band', label: 'Live band', price: '2800.00' },
          ],
        },
        {
          key: 'add_ons',
          name: 'Add-ons',
          title: 'Anything else?',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          minSelections: 0,
          maxSelections: 4,
          options: [
            { key: 'florals', label: 'Florals and table decoration', price: '1500.00' },
            { key: 'cake', label: 'Three-tier cake', price: '450.00' },
            { key: 'photo_booth', label: 'Photo booth', price: '600.00' },
            {
              key: 'fireworks',
              label: 'Fireworks display',
              description: 'Not permitted at city hotel venues.',
              price: '800.00',
              dependencies: [
                {
                  type: DependencyType.DISABLE_IF,
                  on: { step: 'ceremony_venue', set: 'venue_style', option: 'city_hotel' },
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'consultation',
      name: 'Consultation',
      title: 'Book your planning consultation',
      icon: 'calendar-check',
      optionSets: [
        {
          key: 'meeting',
          name: 'Meeting',
          title: 'How would you like to meet?',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'video_call', label: 'Video call', price: '0.00', isDefault: true },
            { key: 'in_person', label: 'In person at our studio', price: '0.00' },
          ],
        },
        {
          key: 'notes',
          name: 'Notes',
          title: 'Anything we should know before we meet?',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          validationRules: { maxLength: 1000 },
          options: [],
        },
      ],
    },
  ],
  flowRules: [
    {
      name: 'Elopements skip catering',
      description: 'An elopement has no reception, so there is nothing to cater.',
      from: 'ceremony_venue',
      fromOption: { set: 'ceremony_type', option: 'elopement' },
      to: 'extras',
      conditionType: ConditionType.REQUIRED,
      priority: 10,
    },
  ],
};
