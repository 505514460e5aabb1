/**
 * Pinyin that Chinese users build passwords from, roughly most common first (zxcvbn ranks a word by its place):
 * words and phrases (woaini "I love you", laopo "wife" …), place and platform names, the commonest surnames and
 * given-name syllables, and the commonest full names. zxcvbn-ts has no Chinese dictionary; this list is ours. The
 * numbers people pair with them (5201314, 1314, 520, 147258 …) are in its common-password list already.
 */
const words = [
  'woaini', 'aini', 'woaiwojia', 'laopo', 'laogong', 'baobao', 'baobei', 'qinai', 'qinqin', 'xiaoxiao', 'tiantian',
  'kuaile', 'xingfu', 'pingan', 'fuqi', 'yongyuan', 'yisheng', 'yishiyisheng', 'shengri', 'mima', 'zhanghao', 'denglu',
  'guanliyuan', 'yonghu', 'ceshi', 'zhongguo', 'zhonghua', 'beijing', 'shanghai', 'tianjin', 'chongqing', 'shandong',
  'jinan', 'qingdao', 'shanxi', 'taiyuan', 'jiangsu', 'nanjing', 'suzhou', 'zhejiang', 'hangzhou', 'guangdong',
  'shenzhen', 'guangzhou', 'sichuan', 'chengdu', 'hubei', 'wuhan', 'xian', 'dalian', 'xiamen', 'ningbo',
  'shenbao', 'shenqing', 'keji', 'kejiju', 'kejiting', 'chuangke', 'chuangxin', 'chuangye', 'zhongchuang', 'gongsi',
  'youxian', 'jituan', 'zhengfu', 'danwei', 'bangong', 'tianshi', 'xiaobai', 'xiaohong', 'xiaoming', 'xiaoqiang',
  'xiaolong', 'xiaoyu', 'xiaomei', 'dabao', 'erbao', 'haha', 'hehe', 'niuniu', 'dudu', 'lele', 'feifei', 'longlong',
  'fafa', 'facai', 'dafa', 'jiayou', 'nihao', 'zaijian', 'shijie', 'taiyang', 'yueliang', 'xingxing', 'huahua',
];
const surnames = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo',
  'he', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng',
  'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren',
  'shen', 'yao', 'jin', 'fu', 'cui', 'zhong', 'tan', 'lv', 'fan', 'wen', 'shi', 'qian', 'qin', 'kong', 'bai', 'meng',
];
const givenSyllables = [
  'wei', 'fang', 'na', 'min', 'jing', 'qiang', 'lei', 'jun', 'yong', 'yan', 'jie', 'tao', 'ming', 'chao', 'xiu',
  'xia', 'hua', 'ping', 'gang', 'hui', 'hong', 'juan', 'ying', 'lan', 'bo', 'bin', 'hao', 'yu', 'xin', 'peng', 'fei',
  'ling', 'dan', 'qing', 'xue', 'long', 'feng', 'kai', 'rui', 'yi', 'ning', 'shuai', 'liang', 'zhen', 'guang', 'wen',
];
const fullNames = [
  'zhangwei', 'wangwei', 'wangfang', 'lina', 'liwei', 'zhangmin', 'lijing', 'wangjing', 'liuwei', 'wangxiuying',
  'zhangli', 'lixiuying', 'wangli', 'zhangjing', 'zhangxiuying', 'liqiang', 'wangmin', 'limin', 'wanglei', 'liuyang',
  'wangyan', 'wangyong', 'lijun', 'zhangyong', 'lijie', 'zhangjie', 'zhanglei', 'wangqiang', 'lijuan', 'wangjun',
  'zhangyan', 'zhangtao', 'wangtao', 'liyan', 'wangchao', 'liming', 'liyong', 'wangjuan', 'liujie', 'liumin',
  'lixia', 'lili', 'zhangjun', 'wangjie', 'zhanghua', 'liuyan', 'chenjing', 'yangyang', 'zhangping', 'wangping',
];

export const pinyinWords: string[] = [...words, ...fullNames, ...surnames, ...givenSyllables];
