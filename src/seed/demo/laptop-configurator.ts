/**
 * "Build your laptop": a priced product configurator. It demonstrates a branch on an answer
 * (gaming builds pick a GPU on a step other builds never see), REQUIRED, OPTIONAL and CONDITIONAL
 * flow rules (a payment-plan step offered only above a price), every option dependency kind
 * (SHOW_IF, HIDE_IF, DISABLE_IF, REQUIRE_IF), every set dependency kind, and all selection types
 * but DATE_PICKER.
 */
import {
  ConditionType,
  DependencyType,
  SelectionType,
  SetDependencyType,
} from '../../entities/enums';
import type { OptionReference, WizardDefinition } from '../../definitions/wizard-definition';

const usage = (option: string): OptionReference => ({ step: 'usage', set: 'primary_use', option });

export const laptopConfigurator: WizardDefinition = {
  key: 'laptop_configurator',
  name: 'Build your laptop',
  description:
    'Configure a laptop around how you will use it: chassis and display, graphics for gaming ' +
    'builds, processor, memory and storage, software and accessories, then warranty and delivery.',
  category: 'Products',
  icon: 'laptop',
  color: '#2563eb',
  allowSaveProgress: true,
  allowTemplates: true,
  estimatedTimeMinutes: 8,
  isActive: true,
  isPublic: true,
  isFeatured: true,
  version: '1.0',
  published: true,
  steps: [
    {
      key: 'usage',
      name: 'Usage',
      title: 'What will you mainly use your laptop for?',
      description: 'We tailor the choices on the next steps to your answer.',
      icon: 'target',
      optionSets: [
        {
          key: 'primary_use',
          name: 'Primary use',
          title: 'Primary use',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'everyday',
              label: 'Everyday use',
              description: 'Browsing, email, streaming and documents.',
              price: '0.00',
              isDefault: true,
            },
            {
              key: 'business',
              label: 'Business',
              description: 'Windows 11 Pro, invoicing to your company and device management.',
              price: '0.00',
            },
            {
              key: 'student',
              label: 'Student',
              description: 'Education pricing once you upload a valid student ID.',
              price: '0.00',
            },
            {
              key: 'creative',
              label: 'Creative work',
              description: 'Photo and video editing with a colour-accurate display.',
              price: '0.00',
            },
            {
              key: 'gaming',
              label: 'Gaming',
              description: 'Dedicated graphics and a high-refresh display. You start with the GPU.',
              price: '0.00',
            },
          ],
        },
      ],
    },
    {
      key: 'chassis',
      name: 'Chassis & display',
      title: 'Pick a size, screen and finish',
      icon: 'monitor',
      optionSets: [
        {
          key: 'size',
          name: 'Size',
          title: 'Screen size',
          helpText: 'The base price of the laptop depends on its size.',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'size_13',
              label: '13-inch ultraportable',
              description: '1.1 kg, up to 18 hours of battery life.',
              value: '13',
              price: '899.00',
              dependencies: [{ type: DependencyType.HIDE_IF, on: usage('gaming') }],
            },
            {
              key: 'size_14',
              label: '14-inch',
              description: 'The balance of portability and screen space.',
              value: '14',
              price: '999.00',
              isDefault: true,
              isRecommended: true,
            },
            {
              key: 'size_16',
              label: '16-inch',
              description: 'Room for a full keyboard with a number pad.',
              value: '16',
              price: '1199.00',
            },
            {
              key: 'size_17',
              label: '17-inch performance',
              description: 'Vapour-chamber cooling for sustained heavy workloads.',
              value: '17',
              price: '1399.00',
              dependencies: [
                { type: DependencyType.SHOW_IF, on: usage('gaming') },
                { type: DependencyType.SHOW_IF, on: usage('creative') },
              ],
            },
          ],
        },
        {
          key: 'display',
          name: 'Display',
          title: 'Display panel',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'fhd', label: 'Full HD IPS, 60 Hz', price: '0.00', isDefault: true },
            { key: 'qhd', label: 'QHD+ IPS, 120 Hz', price: '149.00', isRecommended: true },
            { key: 'oled', label: '3K OLED, 120 Hz', price: '299.00' },
          ],
        },
        {
          key: 'color_calibration',
          name: 'Colour calibration',
          title: 'Factory colour calibration',
          description: 'Each panel is measured and shipped with its calibration report.',
          selectionType: SelectionType.SINGLE,
          isRequired: false,
          dependencies: [{ type: SetDependencyType.SHOW_IF, on: usage('creative') }],
          options: [
            { key: 'srgb', label: 'sRGB (web and office)', price: '0.00', isDefault: true },
            { key: 'dci_p3', label: 'DCI-P3 (video)', price: '79.00', isRecommended: true },
            { key: 'adobe_rgb', label: 'Adobe RGB (print)', price: '129.00' },
          ],
        },
        {
          key: 'finish',
          name: 'Finish',
          title: 'Colour',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'silver', label: 'Silver', price: '0.00', isDefault: true },
            { key: 'graphite', label: 'Graphite', price: '0.00' },
            { key: 'midnight_blue', label: 'Midnight blue', price: '49.00' },
          ],
        },
      ],
    },
    {
      key: 'graphics',
      name: 'Graphics',
      title: 'Choose your graphics card',
      description: 'Gaming builds start here: the GPU decides how much cooling the chassis needs.',
      icon: 'cpu',
      optionSets: [
        {
          key: 'gpu',
          name: 'Graphics card',
          title: 'Graphics card',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'rtx_4060',
              label: 'GeForce RTX 4060, 8 GB',
              description: 'High settings at 1080p.',
              price: '449.00',
              isDefault: true,
            },
            {
              key: 'rtx_4070',
              label: 'GeForce RTX 4070, 8 GB',
              description: 'High settings at 1440p.',
              price: '749.00',
              isRecommended: true,
            },
            {
              key: 'rtx_4080',
              label: 'GeForce RTX 4080, 12 GB',
              description: 'Ultra settings with ray tracing.',
              price: '1249.00',
            },
          ],
        },
        {
          key: 'refresh_rate',
          name: 'Refresh rate',
          title: 'Display refresh rate',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'hz_165', label: '165 Hz', price: '0.00', isDefault: true },
            { key: 'hz_240', label: '240 Hz', price: '129.00', isRecommended: true },
          ],
        },
      ],
    },
    {
      key: 'processor',
      name: 'Processor & OS',
      title: 'Processor and operating system',
      icon: 'zap',
      optionSets: [
        {
          key: 'cpu',
          name: 'Processor',
          title: 'Processor',
          helpText: 'The 13-inch chassis cannot cool the Core Ultra 9 at full power.',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'core_ultra_5',
              label: 'Intel Core Ultra 5, 12 cores',
              price: '0.00',
              isDefault: true,
            },
            {
              key: 'core_ultra_7',
              label: 'Intel Core Ultra 7, 16 cores',
              price: '249.00',
              isRecommended: true,
            },
            {
              key: 'core_ultra_9',
              label: 'Intel Core Ultra 9, 16 cores, 5.8 GHz',
              price: '549.00',
              dependencies: [
                {
                  type: DependencyType.DISABLE_IF,
                  on: { step: 'chassis', set: 'size', option: 'size_13' },
                },
              ],
            },
          ],
        },
        {
          key: 'operating_system',
          name: 'Operating system',
          title: 'Operating system',
          helpText: 'Business builds ship with Windows 11 Pro for domain join and BitLocker.',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'windows_home', label: 'Windows 11 Home', price: '0.00', isDefault: true },
            {
              key: 'windows_pro',
              label: 'Windows 11 Pro',
              price: '99.00',
              dependencies: [{ type: DependencyType.REQUIRE_IF, on: usage('business') }],
            },
            { key: 'ubuntu', label: 'Ubuntu 24.04 LTS', price: '0.00' },
          ],
        },
      ],
    },
    {
      key: 'memory_storage',
      name: 'Memory & storage',
      title: 'Memory and storage',
      icon: 'hard-drive',
      optionSets: [
        {
          key: 'memory',
          name: 'Memory',
          title: 'Memory (RAM)',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'ram_16', label: '16 GB LPDDR5X', price: '0.00', isDefault: true },
            { key: 'ram_32', label: '32 GB LPDDR5X', price: '199.00', isRecommended: true },
            { key: 'ram_64', label: '64 GB LPDDR5X', price: '499.00' },
          ],
        },
        {
          key: 'storage',
          name: 'Storage',
          title: 'SSD storage',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'ssd_512', label: '512 GB NVMe SSD', price: '0.00', isDefault: true },
            { key: 'ssd_1tb', label: '1 TB NVMe SSD', price: '129.00', isRecommended: true },
            { key: 'ssd_2tb', label: '2 TB NVMe SSD', price: '329.00' },
            { key: 'ssd_4tb', label: '4 TB NVMe SSD', price: '649.00' },
          ],
        },
      ],
    },
    {
      key: 'extras',
      name: 'Accessories',
      title: 'Accessories and personalisation',
      description: 'Everything on this step is optional; you can skip it.',
      icon: 'package',
      optionSets: [
        {
          key: 'accessories',
          name: 'Accessories',
          title: 'Add accessories (up to four)',
          selectionType: SelectionType.MULTIPLE,
          isRequired: false,
          minSelections: 0,
          maxSelections: 4,
          options: [
            { key: 'usb_c_dock', label: 'USB-C dock with two 4K outputs', price: '199.00' },
            {
              key: 'wireless_mouse',
              label: 'Wireless mouse',
              price: '39.00',
              isRecommended: true,
            },
            { key: 'sleeve', label: 'Padded sleeve', price: '49.00' },
            { key: 'spare_charger', label: 'Spare 100 W charger', price: '79.00' },
            {
              key: 'gaming_headset',
              label: 'Wireless gaming headset',
              price: '129.00',
              dependencies: [{ type: DependencyType.SHOW_IF, on: usage('gaming') }],
            },
          ],
        },
        {
          key: 'personalisation',
          name: 'Personalisation',
          title: 'Lid engraving',
          description: 'Engraved laptops are made to order and ship in 5 to 7 working days.',
          selectionType: SelectionType.SINGLE,
          isRequired: false,
          options: [
            { key: 'no_engraving', label: 'No engraving', price: '0.00', isDefault: true },
            {
              key: 'engraving',
              label: 'Laser-engraved lid',
              price: '39.00',
              requiresInput: true,
              inputPlaceholder: 'Engraving text, up to 30 characters (e.g. "Property of Ada")',
            },
          ],
        },
      ],
    },
    {
      key: 'warranty_delivery',
      name: 'Warranty & delivery',
      title: 'Protection and delivery',
      icon: 'truck',
      optionSets: [
        {
          key: 'warranty',
          name: 'Warranty',
          title: 'Warranty',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'standard_1y',
              label: '1-year limited warranty',
              price: '0.00',
              isDefault: true,
            },
            {
              key: 'extended_3y',
              label: '3-year extended warranty',
              price: '199.00',
              isRecommended: true,
            },
            {
              key: 'accidental_3y',
              label: '3 years including accidental damage',
              price: '299.00',
            },
          ],
        },
        {
          key: 'delivery',
          name: 'Delivery',
          title: 'Delivery',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'standard',
              label: 'Standard delivery, 3 to 5 days',
              price: '0.00',
              isDefault: true,
            },
            { key: 'store_pickup', label: 'Collect in store', price: '0.00' },
          ],
        },
        {
          key: 'express_upgrade',
          name: 'Express upgrade',
          title: 'Need it sooner?',
          description: 'Not available for engraved laptops, which are made to order.',
          selectionType: SelectionType.SINGLE,
          isRequired: false,
          dependencies: [
            {
              type: SetDependencyType.HIDE_IF,
              on: { step: 'extras', set: 'personalisation', option: 'engraving' },
            },
          ],
          options: [
            { key: 'next_day', label: 'Next working day', price: '29.00' },
            { key: 'saturday', label: 'Saturday delivery', price: '49.00' },
          ],
        },
        {
          key: 'vat_number',
          name: 'VAT number',
          title: 'Company VAT number',
          description: 'Printed on the invoice. Required for business orders.',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          validationRules: { minLength: 4, maxLength: 14, pattern: '^[A-Z]{2}[0-9A-Z]{2,12}$' },
          dependencies: [{ type: SetDependencyType.REQUIRE_IF, on: usage('business') }],
          options: [],
        },
      ],
    },
    {
      key: 'financing',
      name: 'Payment plan',
      title: 'Spread the cost',
      description: 'Offered on personal orders of 1,500.00 or more.',
      icon: 'credit-card',
      optionSets: [
        {
          key: 'plan',
          name: 'Payment plan',
          title: 'How would you like to pay?',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            { key: 'pay_in_full', label: 'Pay in full', price: '0.00', isDefault: true },
            {
              key: 'months_12',
              label: '12 monthly payments, 0% APR',
              price: '0.00',
              isRecommended: true,
            },
            {
              key: 'months_24',
              label: '24 monthly payments, 0% APR',
              description: 'One-off arrangement fee.',
              price: '49.00',
            },
          ],
        },
      ],
    },
    {
      key: 'review',
      name: 'Review',
      title: 'Review your laptop',
      description: 'Check your configuration and the total before you order.',
      icon: 'check-circle',
      optionSets: [
        {
          key: 'terms',
          name: 'Terms of sale',
          title: 'Terms of sale',
          selectionType: SelectionType.SINGLE,
          isRequired: true,
          options: [
            {
              key: 'accept',
              label: 'I accept the terms of sale and the 30-day return policy',
              price: '0.00',
            },
          ],
        },
        {
          key: 'student_id',
          name: 'Student ID',
          title: 'Upload your student ID',
          description: 'Needed for education pricing.',
          selectionType: SelectionType.FILE_UPLOAD,
          isRequired: true,
          validationRules: {
            mimeTypes: ['application/pdf', 'image/jpeg', 'image/png'],
            maxBytes: 5_242_880,
          },
          dependencies: [{ type: SetDependencyType.SHOW_IF, on: usage('student') }],
          options: [],
        },
        {
          key: 'order_notes',
          name: 'Order notes',
          title: 'Anything we should know?',
          selectionType: SelectionType.TEXT_INPUT,
          isRequired: false,
          validationRules: { maxLength: 500 },
          options: [],
        },
      ],
    },
  ],
  flowRules: [
    {
      name: 'Gaming builds start with the GPU',
      description:
        'Only gaming builds see the graphics step; they choose the GPU before the chassis.',
      from: 'usage',
      fromOption: { set: 'primary_use', option: 'gaming' },
      to: 'graphics',
      conditionType: ConditionType.REQUIRED,
      priority: 10,
    },
    {
      name: 'From graphics to chassis',
      from: 'graphics',
      to: 'chassis',
      conditionType: ConditionType.REQUIRED,
      priority: 0,
    },
    {
      name: 'Chassis skips graphics',
      description: 'Every build continues with the processor; gaming builds already chose a GPU.',
      from: 'chassis',
      to: 'processor',
      conditionType: ConditionType.REQUIRED,
      priority: 0,
    },
    {
      name: 'Extras are optional',
      from: 'memory_storage',
      to: 'extras',
      conditionType: ConditionType.OPTIONAL,
      priority: 0,
    },
    {
      name: 'Offer a payment plan',
      description: 'Personal orders of 1,500.00 or more may spread the cost.',
      from: 'warranty_delivery',
      to: 'financing',
      conditionType: ConditionType.CONDITIONAL,
      condition: "price >= 1500.0 && !('business' in answers.usage.primary_use)",
      priority: 10,
    },
    {
      name: 'Otherwise straight to review',
      from: 'warranty_delivery',
      to: 'review',
      conditionType: ConditionType.REQUIRED,
      priority: 0,
    },
  ],
};
