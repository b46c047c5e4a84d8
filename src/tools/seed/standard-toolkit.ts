/** The standard technician toolkit: one of each tool the shipped detector recognises, in its class order. */
export const STANDARD_TOOLKIT = {
  number: 1,
  name: 'Standard technician toolkit',
  description:
    'The toolbox every field technician takes out: one of each of the 11 standard tools.',
};

export const STANDARD_TOOLS = [
  {
    detectorClass: 'hammer',
    name: 'Claw hammer 16 oz',
    serialNumber: 'STK-HAM-0001',
    category: 'striking',
  },
  {
    detectorClass: 'screwdriver',
    name: 'Phillips screwdriver PH2',
    serialNumber: 'STK-SCR-0001',
    category: 'driving',
  },
  {
    detectorClass: 'wrench',
    name: 'Combination wrench 13 mm',
    serialNumber: 'STK-WRE-0001',
    category: 'wrenching',
  },
  {
    detectorClass: 'pliers',
    name: 'Combination pliers 180 mm',
    serialNumber: 'STK-PLI-0001',
    category: 'gripping',
  },
  {
    detectorClass: 'tape_measure',
    name: 'Tape measure 5 m',
    serialNumber: 'STK-TAP-0001',
    category: 'measuring',
  },
  {
    detectorClass: 'utility_knife',
    name: 'Utility knife',
    serialNumber: 'STK-KNI-0001',
    category: 'cutting',
  },
  {
    detectorClass: 'spirit_level',
    name: 'Spirit level 600 mm',
    serialNumber: 'STK-LEV-0001',
    category: 'measuring',
  },
  {
    detectorClass: 'hex_key',
    name: 'Hex key set 1.5-10 mm',
    serialNumber: 'STK-HEX-0001',
    category: 'driving',
  },
  {
    detectorClass: 'socket_wrench',
    name: 'Ratchet socket wrench 1/2"',
    serialNumber: 'STK-SOC-0001',
    category: 'wrenching',
  },
  {
    detectorClass: 'wire_cutter',
    name: 'Diagonal wire cutter',
    serialNumber: 'STK-CUT-0001',
    category: 'cutting',
  },
  {
    detectorClass: 'flashlight',
    name: 'LED flashlight',
    serialNumber: 'STK-FLA-0001',
    category: 'lighting',
  },
] as const;

/** The demo technician who takes the toolkit out in the examples. */
export const DEMO_TECHNICIAN = {
  username: 'technician',
  name: 'Demo Technician',
  employeeNumber: 'T-0001',
};
