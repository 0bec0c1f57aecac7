/**
 * Booking a tarot reading, open to guests (no login). It demonstrates a branch on an option
 * (written reports skip the scheduling step), a DATE_PICKER shown only when an add-on needs it,
 * and dependencies on the chosen format.
 */
import {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../../entities/enums';
import type { OptionReference, WizardDefinition } from '../../definitions/wizard-definition';

const format = (option: string): OptionReference => ({
  step: 'session_format',
  set: 'format',
  option,
});

export const tarotReading: WizardDefinition = {
  key: 'tarot_reading',
  name: 'Book a tarot reading',
  description:
    'Choose a spread, how you would like your reading, and when. No account needed. ' +
    'Readings are offered for reflection and entertainment.',
  category: 'Wellbeing',
  icon: 'moon',
  color: '#7c3aed',
  allowSaveProgress: false,
  allowTemplates: false,
  requireLogin: false,
  estimatedTimeMinutes: 4,
  isActive: true,
  isPublic: true,
  isFeatured: false,
  version: '1.0',
  published: true,
  steps: [
    {
      key: 'reading',
      name: 'Your reading',
      title: 'Choose a spread',
      icon: 'layers',
      optionSets: [
        {
          key: 'spread',
          name: 'Spread',
          title: 'Spread',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'single_card',
              label: 'Single card',
              description: 'A quick answer to one question.',
              price: '9.00',
            },
            {
              key: 'three_card',
              label: 'Past, present, future (3 cards)',
              price: '19.00',
              isDefault: true,
              isRecommended: true,
            },
            { key: 'celtic_cross', label: 'Celtic cross (10 cards)', price: '39.00' },
            { key: 'year_ahead', label: 'Year ahead (12 cards)', price: '59.00' },
          ],
        },
        {
          key: 'focus',
          name: 'Focus',
          title: 'What would you like to focus on?',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'general', label: 'General guidance', price: '0.00', isDefault: true },
            { key: 'love', label: 'Love and relationships', price: '0.00' },
            { key: 'career', label: 'Career and money', price: '0.00' },
            { key: 'spiritual', label: 'Spiritual growth', price: '0.00' },
          ],
        },
      ],
    },
    {
      key: 'session_format',
      name: 'Format & reader',
      title: 'How would you like your reading?',
      icon: 'message-circle',
      optionSets: [
        {
          key: 'format',
          name: 'Format',
          title: 'Format',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'chat', label: 'Live chat', price: '0.00', isDefault: true },
            { key: 'voice_call', label: 'Voice call', price: '10.00' },
            { key: 'video_call', label: 'Video call', price: '15.00', isRecommended: true },
            {
              key: 'written_report',
              label: 'Written report within 48 hours',
              description: 'No appointment needed. Not offered for single-card readings.',
              price: '5.00',
              dependencies: [
                {
                  type: DependencyType.DISABLE_IF,
                  on: { step: 'reading', set: 'spread', option: 'single_card' },
                },
              ],
            },
          ],
        },
        {
          key: 'reader',
          name: 'Reader',
          title: 'Reader',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'any_reader', label: 'First available reader', price: '0.00', isDefault: true },
            { key: 'experienced', label: 'Experienced reader (5+ years)', price: '10.00' },
            { key: 'master_reader', label: 'Master reader (15+ years)', price: '25.00' },
          ],
        },
      ],
    },
    {
      key: 'appointment',
      name: 'Appointment',
      title: 'When suits you?',
      icon: 'clock',
      optionSets: [
        {
          key: 'date',
          name: 'Date',
          title: 'Preferred date',
          selectionType: SelectionType.DATE_PICKER,
          isRequired: true,
          validationRules: { min: '2025-01-01', max: '2030-12-31' },
          options: [],
        },
        {
          key: 'time_slot',
          name: 'Time',
          title: 'Time of day',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'morning', label: 'Morning', price: '0.00' },
            { key: 'afternoon', label: 'Afternoon', price: '0.00', isDefault: true },
            { key: 'evening', label: 'Evening', price: '0.00' },
            { key: 'late_night', label: 'Late night (after 22:00)', price: '5.00' },
          ],
        },
      ],
    },
    {
      key: 'question',
      name: 'Your question',
      title: 'What would you like to ask?',
      icon: 'help-circle',
      optionSets: [
        {
          key: 'question_text',
          name: 'Question',
          title: 'Your question',
          helpText: 'Open questions work best, e.g. "What should I focus on this month?"',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: true,
          validationRules: { minLength: 10, maxLength: 500 },
          options: [],
        },
        {
          key: 'add_ons',
          name: 'Add-ons',
          title: 'Add-ons',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          minSelections: 0,
          maxSelections: 3,
          options: [
            {
              key: 'astrology_overlay',
              label: 'Astrology overlay (needs your birth date)',
              price: '12.00',
            },
            {
              key: 'recording',
              label: 'Recording of the session',
              price: '5.00',
              dependencies: [
                { type: DependencyType.HIDE_IF, on: format('chat') },
                { type: DependencyType.HIDE_IF, on: format('written_report') },
              ],
            },
            { key: 'follow_up', label: 'Follow-up email a month later', price: '7.00' },
          ],
        },
      ],
    },
    {
      key: 'contact',
      name: 'Contact & confirm',
      title: 'Where should we send your booking?',
      icon: 'mail',
      optionSets: [
        {
          key: 'email',
          name: 'Email',
          title: 'Email address',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: true,
          validationRules: { maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' },
          options: [],
        },
        {
          key: 'birth_date',
          name: 'Birth date',
          title: 'Your birth date',
          selectionType: SelectionType.DATE_PICKER,
          isRequired: true,
          validationRules: { min: '1900-01-01', max: '2012-12-31' },
          dependencies: [
            {
              type: SetDependencyType.SHOW_IF,
              on: { step: 'question', set: 'add_ons', option: 'astrology_overlay' },
            },
          ],
          options: [],
        },
        {
          key: 'consent',
          name: 'Consent',
          title: 'Before you book',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'accept',
              label: 'I understand readings are for reflection and entertainment only',
              price: '0.00',
            },
          ],
        },
      ],
    },
  ],
  flowRules: [
    {
      name: 'Written reports need no appointment',
      from: 'session_format',
      fromOption: { set: 'format', option: 'written_report' },
      to: 'question',
      conditionType: ConditionType.REQUIRED,
      priority: 10,
    },
  ],
};
